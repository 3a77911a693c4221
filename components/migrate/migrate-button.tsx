"use client";

import { useRef, useState } from "react";
import { MigrateForm, type MigrateTarget } from "./migrate-form";

/** "Migrate…" on a domain: opens a modal dialog with the target, options and pre-checks. */
export function MigrateButton({
  domain,
  source,
  hosts,
}: {
  domain: string;
  source: string;
  hosts: MigrateTarget[];
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setNotice(null);
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="rounded bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800"
      >
        Migrate…
      </button>
      {notice && (
        <span role="status" className="ml-3 text-sm text-emerald-800">
          {notice}
        </span>
      )}
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        aria-labelledby={`migrate-${domain}`}
        className="m-auto w-full max-w-3xl rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="p-6">
          <div className="mb-4 flex items-start justify-between">
            <h2 id={`migrate-${domain}`} className="text-lg font-semibold">
              Migrate {domain} from {source}
            </h2>
            <button
              type="button"
              onClick={close}
              className="rounded px-2 text-slate-600 hover:bg-slate-100"
              aria-label="Close"
            >
              ✕
            </button>
          </div>
          {open && (
            <MigrateForm
              domain={domain}
              source={source}
              targets={hosts.filter((host) => host.name !== source)}
              onStarted={(message) => {
                setNotice(message);
                close();
              }}
            />
          )}
        </div>
      </dialog>
    </>
  );
}
