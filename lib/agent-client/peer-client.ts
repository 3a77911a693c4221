import { type MigrationStatus, migrationStatusSchema } from "../schemas/migration";
import {
  type AbortRequest,
  finishResponseSchema,
  type HelloResponse,
  helloResponseSchema,
  type PrepareRequest,
  prepareResponseSchema,
  type TransferEndpoint,
} from "../schemas/peer";
import { AgentClient } from "./agent-client";

/** How a source agent talks to a target agent (`/v1/peer/...`), naming itself for the allow-list. */

export const SOURCE_HEADER = "x-ballast-source";

export class PeerClient {
  private readonly client: AgentClient;

  constructor(url: string, token: string, sourceName: string, timeoutMs: number) {
    this.client = new AgentClient({ url, token, timeoutMs, headers: { [SOURCE_HEADER]: sourceName } });
  }

  get url(): string {
    return this.client.url;
  }

  hello(source: { name: string; url: string }): Promise<HelloResponse> {
    return this.client.request("POST", "/v1/peer/hello", helloResponseSchema, { source });
  }

  async prepare(request: PrepareRequest): Promise<TransferEndpoint> {
    const answer = await this.client.request("POST", "/v1/peer/migrations", prepareResponseSchema, request);
    return answer.endpoint;
  }

  async finish(id: string): Promise<string> {
    const answer = await this.client.request(
      "POST",
      `/v1/peer/migrations/${id}/finish`,
      finishResponseSchema,
      {},
    );
    return answer.state;
  }

  async abort(id: string, body: AbortRequest): Promise<void> {
    await this.client.raw("POST", `/v1/peer/migrations/${id}/abort`, body);
  }

  status(id: string): Promise<MigrationStatus> {
    return this.client.request("GET", `/v1/migrations/${id}`, migrationStatusSchema);
  }
}
