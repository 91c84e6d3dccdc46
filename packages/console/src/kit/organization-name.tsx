/**
 * An organisation's name in a table: where it has a short name, that one on a narrow screen (a
 * school's full legal name takes several lines of a 375 px card) and the full one on a wide screen. A
 * screen reader always reads the full name once: the short one is hidden from it, and the full one is
 * only hidden visually on a narrow screen (and is the short one's tooltip there). Inside a button or a
 * link the full name is therefore its accessible name.
 */
export function OrganizationName({ name, shortName }: { name: string; shortName: string | null }) {
  const short = shortName?.trim();
  if (!short || short === name) return <>{name}</>;
  return (
    <>
      <span class="org-name-short" aria-hidden="true" title={name}>
        {short}
      </span>
      <span class="org-name-full">{name}</span>
    </>
  );
}
