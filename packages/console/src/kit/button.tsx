import type { ComponentChildren, JSX } from 'preact';

export type ButtonVariant = 'primary' | 'secondary' | 'danger';

export interface ButtonProps
  extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'className' | 'style' | 'disabled'> {
  variant?: ButtonVariant;
  /**
   * Waiting for the portal: the button stays focusable (a disabled one would drop the focus) but
   * ignores presses, says so to assistive technology and shows `busyLabel` (e.g. "Sending…") if given.
   */
  busy?: boolean;
  busyLabel?: string;
  /** Unavailable for a reason shown nearby; prefer leaving an action out over disabling it. */
  disabled?: boolean;
  children: ComponentChildren;
}

/** A button; `type` defaults to `button`, so only an explicit `type="submit"` submits a form. */
export function Button({
  variant = 'primary',
  busy = false,
  busyLabel,
  disabled = false,
  type = 'button',
  onClick,
  children,
  ...rest
}: ButtonProps) {
  const inert = busy || disabled;
  return (
    <button
      {...rest}
      type={type}
      class={`button button--${variant}${busy ? ' is-busy' : ''}`}
      aria-disabled={inert ? 'true' : undefined}
      aria-busy={busy ? 'true' : undefined}
      onClick={(event) => {
        if (inert) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {busy && <span class="button-spinner" aria-hidden="true" />}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
