import { z } from "zod";

/**
 * Parts of a host's config section that every driver describes the same way: names, MAC
 * addresses, virtual switches, volumes and the console concentrator. Whatever a hypervisor cannot
 * tell about itself (its network and storage as admins named them) comes from these.
 */

export const configName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "a name of letters, digits, '.', '_' or '-'");

export const macAddress = z
  .string()
  .regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, "a MAC address like 00:14:4f:fa:00:01");

/** A domain's virtual NICs: the switch each is attached to; a MAC is generated when none is given. */
export const domainNetworksConfig = z
  .array(
    z.strictObject({
      name: configName.optional(),
      switch: configName,
      mac: macAddress.optional(),
      bridge: configName.optional(),
    }),
  )
  .default([]);

/** A domain's virtual disks, each naming a volume of the host's volume table. */
export const domainDisksConfig = z
  .array(z.strictObject({ name: configName.optional(), volume: configName }))
  .default([]);

/** A domain's NICs as configured, with default names and the driver's generated MAC for each left out. */
export function configuredNetworks(
  networks: z.infer<typeof domainNetworksConfig>,
  generatedMac: (index: number) => string,
) {
  return networks.map((network, i) => ({
    name: network.name ?? `vnet${i}`,
    switch: network.switch,
    mac: network.mac ?? generatedMac(i),
    bridge: network.bridge ?? null,
  }));
}

/** A domain's disks as configured, with default names. */
export function configuredDisks(disks: z.infer<typeof domainDisksConfig>) {
  return disks.map((disk, i) => ({ name: disk.name ?? `vdisk${i}`, volume: disk.volume }));
}

export const switchesConfig = z
  .array(z.strictObject({ name: configName, nic: configName.nullable().default(null) }))
  .default([]);

/** Volume name -> the storage it refers to. */
export const volumesConfig = z.record(configName, z.string().min(1)).default({});

export const consoleConfig = z
  .strictObject({
    name: configName,
    firstPort: z.number().int().min(1).max(65535),
    lastPort: z.number().int().min(1).max(65535),
  })
  .refine((console) => console.lastPort >= console.firstPort, {
    message: "lastPort must not be below firstPort",
  })
  .nullable()
  .default({ name: "primary-vcc0", firstPort: 5000, lastPort: 5127 });
