import { type InputHTMLAttributes, type Ref, useId } from "react";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "aria-invalid" | "aria-describedby">;

/**
 * A labelled input with an optional hint and an inline error, both tied to the input with
 * aria-describedby so screen readers read them with the field. The error is words, not only red.
 */
export function FormField({
  label,
  hint,
  error,
  inputRef,
  ...input
}: InputProps & {
  label: string;
  name: string;
  hint?: string;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium text-slate-800">
        {label}
        {input.required && <span className="font-normal text-slate-600"> (required)</span>}
      </label>
      <input
        {...input}
        id={id}
        ref={inputRef}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`rounded border bg-white p-2 disabled:bg-slate-100 disabled:text-slate-700 focus-visible:outline-2 focus-visible:outline-sky-700 ${
          error ? "border-2 border-red-700" : "border-slate-400"
        }`}
      />
      {error && (
        <p id={errorId} className="font-medium text-red-800">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}
