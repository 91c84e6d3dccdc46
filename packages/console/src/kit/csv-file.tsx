/** A labelled file picker that reads a CSV file's text for the CSV field beside it. */

/**
 * The file's text: UTF-8, or else Windows-1251 (how official Russian lists and Excel exports are often
 * saved), so that names are not stored as unreadable characters.
 */
export function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

export interface CsvFileFieldProps {
  id: string;
  label: string;
  /** Called with the chosen file's decoded text. */
  onText: (text: string) => void;
}

export function CsvFileField({ id, label, onText }: CsvFileFieldProps) {
  const read = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) onText(decodeCsv(await file.arrayBuffer()));
  };
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <input id={id} class="field-control" type="file" accept=".csv,text/csv" onChange={read} />
    </div>
  );
}
