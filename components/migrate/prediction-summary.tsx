import type { Prediction } from "@/lib/schemas/migration";
import { formatBytes } from "@/lib/units";

/**
 * The dry run's prediction: how long, how long the guest pauses, how much crosses the network, and
 * what it was worked out from: the guest's dirty rate (measured on real guests) and the bandwidth.
 */
export function PredictionSummary({ prediction }: { prediction: Prediction }) {
  return (
    <div className="rounded border border-slate-200 bg-slate-50 p-3 text-sm">
      <p className="font-medium">Prediction ({prediction.kind})</p>
      <dl className="mt-1 grid grid-cols-3 gap-x-4 gap-y-1 text-xs sm:grid-cols-6">
        <Item label="Duration" value={`${prediction.seconds.toFixed(1)} s`} />
        <Item label="Downtime" value={`${Math.round(prediction.downtimeMs)} ms`} />
        <Item label="To send" value={formatBytes(prediction.transferBytes)} />
        <Item label="Rounds" value={String(prediction.rounds)} />
        <Item label="Guest writes" value={`${formatBytes(prediction.dirtyRateBytesPerSec)}/s`} />
        <Item label="Bandwidth" value={`${formatBytes(prediction.bandwidthBytesPerSec)}/s`} />
      </dl>
      {!prediction.converges && (
        <p className="mt-2 text-xs text-amber-900">
          Warning: the guest writes memory faster than it can be sent ({prediction.stopReason}); the pause at
          the end will be long. Raise the bandwidth or the downtime limit, or migrate warm.
        </p>
      )}
    </div>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-mono">{value}</dd>
    </div>
  );
}
