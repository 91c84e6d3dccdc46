/**
 * The authenticator enrolment's `otpauth://` URI as QR modules (qrcode-generator, error correction M),
 * turned into SVG path data the account screen renders as an element: no markup strings, strict CSP.
 * Loaded only when someone sets up an authenticator.
 */
import qrcode from 'qrcode-generator';

/** Light modules around the code (the quiet zone the QR specification asks for). */
const QUIET_ZONE = 4;

export function qrPath(text: string): { path: string; size: number } {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const modules = code.getModuleCount();
  let path = '';
  for (let row = 0; row < modules; row++) {
    for (let column = 0; column < modules; column++) {
      if (code.isDark(row, column)) path += `M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { path, size: modules + 2 * QUIET_ZONE };
}
