// Reads the fields of one item of a pack file, reporting each bad field as a problem that
// names the file and the item, and going on: one run lists every problem of the pack.

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Codes appear in URLs (/api/v1/areas/:code) and in routing rules: keep them plain. */
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export class FieldReader {
  constructor(
    private readonly item: JsonObject,
    /** "areas.geojson: feature 3 (code 19777)": prefixes each problem. */
    private where: string,
    private readonly problems: string[],
  ) {}

  problem(message: string): void {
    this.problems.push(`${this.where}: ${message}`);
  }

  /** Once the code is known it names the item in later problems. */
  nameItem(where: string): void {
    this.where = where;
  }

  /** A required non-empty string, trimmed. */
  text(field: string): string | null {
    const value = this.item[field];
    if (value === undefined || value === null) {
      this.problem(`${field} is missing`);
      return null;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(`${field} must be a non-empty string (got ${JSON.stringify(value)})`);
      return null;
    }
    return value.trim();
  }

  /** Absent or null gives null; otherwise like text(). */
  optionalText(field: string): string | null {
    const value = this.item[field];
    if (value === undefined || value === null) return null;
    return this.text(field);
  }

  code(field: string): string | null {
    const value = this.text(field);
    if (value !== null && !CODE_PATTERN.test(value)) {
      this.problem(`${field} "${value}" may hold only letters, digits, "_", "." and "-" (at most 64)`);
      return null;
    }
    return value;
  }

  optionalCode(field: string): string | null {
    const value = this.item[field];
    if (value === undefined || value === null) return null;
    return this.code(field);
  }

  /** A whole number in [min, 2^31 - 1] (the database column is an integer). */
  integer(field: string, min: number, describe: string): number | null {
    const value = this.item[field];
    if (value === undefined || value === null) {
      this.problem(`${field} is missing`);
      return null;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 2_147_483_647) {
      this.problem(`${field} must be ${describe} (got ${JSON.stringify(value)})`);
      return null;
    }
    return value;
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.item[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') {
      this.problem(`${field} must be true or false (got ${JSON.stringify(value)})`);
      return fallback;
    }
    return value;
  }

  /** A list of distinct codes; an empty list is allowed. */
  codeList(field: string): string[] | null {
    const value = this.item[field];
    if (!Array.isArray(value)) {
      this.problem(value === undefined ? `${field} is missing` : `${field} must be a list of codes`);
      return null;
    }
    const codes: string[] = [];
    for (const entry of value) {
      if (typeof entry !== 'string' || !CODE_PATTERN.test(entry)) {
        this.problem(`${field} holds ${JSON.stringify(entry)}, which is not a code`);
        return null;
      }
      if (codes.includes(entry)) {
        this.problem(`${field} lists "${entry}" twice`);
        return null;
      }
      codes.push(entry);
    }
    return codes;
  }
}

/** Reports every code used by more than one item, once, naming all the items. */
export function reportDuplicates(
  file: string,
  /** Plural, e.g. "features". */
  nouns: string,
  items: ReadonlyArray<{ code: string; index: number }>,
  problems: string[],
): void {
  const byCode = new Map<string, number[]>();
  for (const { code, index } of items) byCode.set(code, [...(byCode.get(code) ?? []), index]);
  for (const [code, indexes] of byCode) {
    if (indexes.length > 1) problems.push(`${file}: code "${code}" is used by ${nouns} ${indexes.join(', ')}`);
  }
}
