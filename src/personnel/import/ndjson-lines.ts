/** One line of an NDJSON stream with where it came from (1-based line number within its source). */
export interface SourcedLine {
  source: string;
  line: number;
  text: string;
}

/** A part of a streamed bundle: a name to report problems against and its bytes (or text) in order. */
export interface NdjsonSource {
  name: string;
  chunks: AsyncIterable<Uint8Array | string>;
}

/**
 * Splits byte or text chunks into lines without holding more than one partial line; a UTF-8 sequence split
 * across chunks is decoded whole. A trailing `\r` is dropped (CRLF files), as is a leading byte-order mark.
 * Yields the lines each chunk completes together, in order: an await per line cost more than the split.
 */
export async function* linesOf(source: NdjsonSource): AsyncGenerator<SourcedLine[]> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let carry = '';
  let line = 0;
  const emit = (text: string): SourcedLine => {
    line += 1;
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    return { source: source.name, line, text: line === 1 ? trimmed.replace(/^\uFEFF/, '') : trimmed };
  };
  for await (const chunk of source.chunks) {
    carry += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const lines: SourcedLine[] = [];
    let start = 0;
    for (let nl = carry.indexOf('\n'); nl !== -1; nl = carry.indexOf('\n', start)) {
      lines.push(emit(carry.slice(start, nl)));
      start = nl + 1;
    }
    carry = carry.slice(start);
    if (lines.length > 0) yield lines;
  }
  carry += decoder.decode();
  if (carry.length > 0) yield [emit(carry)];
}

/** The lines of several parts, one after another, as one stream (in runs, as linesOf yields them). */
export async function* linesOfParts(sources: Iterable<NdjsonSource> | AsyncIterable<NdjsonSource>) {
  for await (const source of sources) yield* linesOf(source);
}
