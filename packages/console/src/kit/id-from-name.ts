import { useRef } from 'preact/hooks';

export interface IdFromName {
  /** The name field's new value: stored, and the identifier made from it unless the person typed one. */
  onName: (name: string) => void;
  /** After the form is reset: the next name is followed again. */
  forget: () => void;
}

/**
 * An identifier field that follows a name field (made from it by `make`, e.g. a unique slug) until the
 * person types an identifier of their own — a clerk need not invent codes in Latin letters.
 */
export function useIdFromName(fields: {
  setName: (name: string) => void;
  readId: () => string;
  writeId: (id: string) => void;
  make: (name: string) => string;
}): IdFromName {
  const made = useRef('');
  return {
    onName: (name) => {
      fields.setName(name);
      const id = fields.readId();
      if (id !== '' && id !== made.current) return;
      made.current = fields.make(name);
      fields.writeId(made.current);
    },
    forget: () => {
      made.current = '';
    },
  };
}
