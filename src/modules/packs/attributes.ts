// The attributes of a pack's category (Open311 service attributes): each a code, a datatype,
// whether it is required, its order, its question in vi and en and, for the list datatypes,
// the choices. Every problem names the category and the attribute, like the rest of the pack.
import { ATTRIBUTE_DATATYPES, type AttributeDatatype, type CategoryAttribute } from '../../shared/reference-data.js';
import { FieldReader, isJsonObject, reportDuplicates } from './fields.js';

const LIST_DATATYPES: readonly AttributeDatatype[] = ['singlevaluelist', 'multivaluelist'];
const isDatatype = (value: string): value is AttributeDatatype =>
  (ATTRIBUTE_DATATYPES as readonly string[]).includes(value);

/** The attributes of one category (absent: none), or null after a problem. */
export function readAttributes(value: unknown, where: string, problems: string[]): CategoryAttribute[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(`${where}: attributes must be a list`);
    return null;
  }
  const before = problems.length;
  const read: Array<CategoryAttribute & { index: number }> = [];
  value.forEach((item, index) => {
    let at = `${where}: attribute ${index}`;
    if (!isJsonObject(item)) {
      problems.push(`${at}: must be an object`);
      return;
    }
    const fields = new FieldReader(item, at, problems);
    const code = fields.code('code');
    if (code !== null) {
      at = `${at} (code ${code})`;
      fields.nameItem(at);
    }
    const datatype = fields.text('datatype');
    if (datatype !== null && !isDatatype(datatype)) {
      fields.problem(`datatype "${datatype}" is not one of ${ATTRIBUTE_DATATYPES.join(', ')}`);
      return;
    }
    const required = fields.boolean('required', false);
    const order = fields.integer('order', 1, 'a positive whole number (the position in the form)');
    const vi = fields.text('vi');
    const en = fields.text('en');
    const hintVi = fields.optionalText('datatype_description_vi');
    const hintEn = fields.optionalText('datatype_description_en');
    const values = datatype === null ? null : readValues(item.values, datatype, at, problems);
    if (code === null || datatype === null || order === null || vi === null || en === null || values === null) return;
    read.push({
      index,
      code,
      datatype,
      required,
      order,
      description_vi: vi,
      description_en: en,
      datatype_description_vi: hintVi,
      datatype_description_en: hintEn,
      values,
    });
  });
  reportDuplicates(where, 'attributes', read, problems);
  if (problems.length > before) return null;
  return read.map(({ index: _index, ...attribute }) => attribute);
}

function readValues(
  value: unknown,
  datatype: AttributeDatatype,
  where: string,
  problems: string[],
): CategoryAttribute['values'] | null {
  if (!LIST_DATATYPES.includes(datatype)) {
    if (value !== undefined && value !== null) {
      problems.push(`${where}: values are for the list datatypes (${LIST_DATATYPES.join(', ')}) only`);
      return null;
    }
    return [];
  }
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${where}: a ${datatype} needs values, a non-empty list of {"key", "vi", "en"}`);
    return null;
  }
  const values: CategoryAttribute['values'] = [];
  const keys = new Set<string>();
  for (const [index, entry] of value.entries()) {
    if (!isJsonObject(entry)) {
      problems.push(`${where}: value ${index} must be an object {"key", "vi", "en"}`);
      return null;
    }
    const fields = new FieldReader(entry, `${where}: value ${index}`, problems);
    const key = fields.code('key');
    const vi = fields.text('vi');
    const en = fields.text('en');
    if (key === null || vi === null || en === null) return null;
    if (keys.has(key)) {
      problems.push(`${where}: the key "${key}" is given twice`);
      return null;
    }
    keys.add(key);
    values.push({ key, name_vi: vi, name_en: en });
  }
  return values;
}
