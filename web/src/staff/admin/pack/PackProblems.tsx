// A broken pack's problems as a readable list, grouped by the file each names. The texts are
// the server's own (they quote the pack's fields and codes, which need no translation).
import { TriangleAlert } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PACK_FILE_NAMES } from '../../../../../src/shared/admin';
import { Icon } from '../../../ui/icons';

/** "agencies.json: agency 1 (code hepco): …" → file "agencies.json", text after it. */
function byFile(problems: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const problem of problems) {
    const file = PACK_FILE_NAMES.find((name) => problem.startsWith(`${name}:`));
    const group = file ?? '';
    const text = file ? problem.slice(file.length + 1).trim() : problem;
    groups.set(group, [...(groups.get(group) ?? []), text]);
  }
  return groups;
}

export function PackProblems({ problems, refusedImport = false }: { problems: string[]; refusedImport?: boolean }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const groups = byFile(problems);
  return (
    <section className="error adm-problems" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <Icon of={TriangleAlert} /> {t(refusedImport ? 'pack.refused' : 'pack.invalid', { count: problems.length })}
      </h2>
      <p>{t('pack.fixAll')}</p>
      {[...groups].map(([file, texts]) => (
        <div key={file || 'pack'}>
          <h3 id={`${id}-${file || 'pack'}`}>
            {file ? <code>{file}</code> : t('pack.general')} · {t('pack.problemCount', { count: texts.length })}
          </h3>
          <ol aria-labelledby={`${id}-${file || 'pack'}`}>
            {texts.map((text, index) => (
              // the same text may repeat (two items with the same fault): the index tells them apart
              // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
              <li key={index}>{text}</li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
