import { ensureGuestImage } from "./guest-image";

// `npm run guest:image`: builds the tiny guest (or finds it cached) and prints where it is.
const image = await ensureGuestImage({ log: (line) => console.error(`guest-image: ${line}`) });
console.log(`kernel ${image.kernel}`);
console.log(`initrd ${image.initrd}`);
