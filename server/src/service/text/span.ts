/** A place in a text: offsets, so it survives without the text's line structure. */
export interface Span {
  /** offset of the first character */
  start: number;
  /** offset after the last character */
  end: number;
}
