/** Helpers for writing file text to a terminal: safe characters, display widths, colour. */

// C0/C1 controls and bidi overrides: file text must not move the cursor, recolour the terminal or reorder a line.
const UNSAFE_CHARACTERS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const WIDE =
  /^[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]$/u;
const TAB_STOP = 4;

/** Control characters as their visible Unicode "control pictures" (␛, ␊, …), others as �. */
function visibleControl(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  return code === 0x7f ? "\u2421" : "\ufffd";
}

export function printable(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, visibleControl);
}

/** Terminal columns one code point takes: 0 for combining marks, 2 for East Asian wide and emoji, else 1. */
function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** A source line as shown, and the display column before each of its UTF-16 indexes (plus one past the end). */
export interface ShownLine {
  text: string;
  columns: number[];
}

/** Expands tabs to spaces and makes controls visible, tracking where each source character lands. */
export function showLine(line: string): ShownLine {
  let text = "";
  const columns: number[] = [];
  let column = 0;
  for (const char of line) {
    for (let unit = 0; unit < char.length; unit++) columns.push(column);
    const shown = char === "\t" ? " ".repeat(TAB_STOP - (column % TAB_STOP)) : printable(char);
    text += shown;
    column += char === "\t" ? shown.length : charWidth(shown);
  }
  columns.push(column);
  return { text, columns };
}

export type Style = (text: string) => string;

export interface Palette {
  error: Style;
  warning: Style;
  info: Style;
  success: Style;
  dim: Style;
  bold: Style;
  underline: Style;
}

function ansi(open: number, close: number): Style {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const plain: Style = (text) => text;

export function palette(color: boolean): Palette {
  if (!color) {
    return {
      error: plain,
      warning: plain,
      info: plain,
      success: plain,
      dim: plain,
      bold: plain,
      underline: plain,
    };
  }
  return {
    error: ansi(31, 39),
    warning: ansi(33, 39),
    info: ansi(34, 39),
    success: ansi(32, 39),
    dim: ansi(2, 22),
    bold: ansi(1, 22),
    underline: ansi(4, 24),
  };
}
