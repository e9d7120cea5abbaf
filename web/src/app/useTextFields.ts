import { useState } from 'react';

/**
 * The text boxes of a form as one record: `field(name)` gives a box its value and change handler, so a long
 * form needs no state per box.
 */
export function useTextFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  const field = (name: keyof T) => ({
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((old) => ({ ...old, [name]: value }));
    },
  });
  return { values, setValues, field };
}
