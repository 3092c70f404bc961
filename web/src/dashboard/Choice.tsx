// One of a few ways to cut the figures (by what, per day/week/month): radio buttons drawn as a
// row of segments, so that the arrow keys move between them as in any radio group.
import { useEffect, useState } from 'react';

export function Choice<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: [T, string][];
  onChange: (value: T) => void;
}) {
  // the choice shows at once; the URL (and so `value`) follows a moment later
  const [chosen, setChosen] = useState(value);
  useEffect(() => setChosen(value), [value]);
  return (
    <fieldset className="db-choice">
      <legend>{legend}</legend>
      <div className="db-segments">
        {options.map(([option, label]) => (
          <label key={option} className={option === chosen ? 'db-segment db-chosen' : 'db-segment'}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={option === chosen}
              onChange={() => {
                setChosen(option);
                onChange(option);
              }}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
