// Realistic tool exports for the import tests, written the way the tools write them: a Jira
// Cloud CSV ("current fields": repeated Sprint columns, Jira's 25/Feb/26 3:04 PM dates, no
// Status Category column) and an Azure DevOps query export (UTF-8 with BOM, US dates, Area
// Path naming the team). Names and titles are not ASCII on purpose.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** UNMAPPED_STATUS is a Jira status no default proposal maps (backend DefaultStage): the user must choose. */
export const UNMAPPED_STATUS = 'Bereit zur Abnahme';

/** csvLine quotes a row as Excel and Jira do: fields with a comma, quote or line break in double quotes. */
export function csvLine(fields) {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',');
}

const people = ['Zoë Brontë', 'Jürgen Groß', '山田 太郎', 'Søren Ødegaard', 'Amélie Gauthier', 'Łukasz Żółtowski'];

const jiraTitles = [
  'Warenkorb: Gutschein-Feld für Zoë’s Kampagne',
  'Checkout – Adresse mit "Anführungszeichen" speichern',
  'Größentabelle auf Produktseite',
  'Suche: Umlaute (ä, ö, ü) normalisieren',
  '商品一覧の並び替え',
  'Filtre « Prix » sur mobile',
  'Merkliste teilen, per Link',
  'Produktbilder: Zoom auf Touch',
  'Lieferzeit je PLZ anzeigen',
  'Bewertungen mit Emoji 👍 anzeigen',
  'Vergleichsliste: max. 4 Artikel',
  'Kategorie-Navigation barrierefrei',
  'Preisalarm per E-Mail',
  'Sale-Badge bei Rabatt ≥ 20 %',
  'Produkt-Feed für Søk & Finn',
  'Größenberater:\nRücksendequote senken',
  'Gutschein-Code ohne Groß-/Kleinschreibung',
  'Warenkorb-Timeout auf 30 min',
  'Mengenrabatt 3 für 2',
  'Lagerbestand „nur noch 2“ anzeigen',
];

const jiraStatuses = ['To Do', 'In Progress', 'In Review', 'Done', UNMAPPED_STATUS];
const months = ['Sep', 'Oct'];

/**
 * jiraCsv is a Jira Cloud export of the Catalogue Crew's project (CAT) with 20 new issues; the
 * row of CAT-2013 has an impossible created date (31 September), so exactly one row is rejected.
 */
export function jiraCsv() {
  const header = ['Summary', 'Issue key', 'Issue id', 'Issue Type', 'Status', 'Project key', 'Project name', 'Priority',
    'Assignee', 'Created', 'Updated', 'Resolved', 'Sprint', 'Sprint', 'Labels', 'Custom field (Story point estimate)'];
  const rows = jiraTitles.map((title, i) => {
    const status = jiraStatuses[i % jiraStatuses.length];
    const key = `CAT-${2001 + i}`;
    const created = key === 'CAT-2013' ? '31/Sep/26 10:00 AM' : `${String(3 + i).padStart(2, '0')}/${months[i % 2]}/26 ${1 + (i % 11)}:${String((i * 7) % 60).padStart(2, '0')} AM`;
    const updated = `${10 + (i % 9)}/Nov/26 ${1 + (i % 11)}:${String((i * 13) % 60).padStart(2, '0')} PM`;
    return [title, key, String(90001 + i), ['Story', 'Bug', 'Task', 'Story'][i % 4], status, 'CAT', 'Catalogue Crew',
      ['High', 'Medium', 'Low'][i % 3], people[i % people.length], created, updated, status === 'Done' ? updated : '',
      i % 3 ? 'CAT Sprint 21' : 'CAT Sprint 20', i % 3 === 0 ? 'CAT Sprint 21' : '', 'storefront', String([1, 2, 3, 5, 8][i % 5])];
  });
  return [header, ...rows].map(csvLine).join('\r\n') + '\r\n';
}

const adoTitles = [
  'Zahlung per Rechnung (Klarna) für Österreich',
  '3-D Secure 2: Fallback für Mastercard',
  'Apple Pay im Checkout für Łódź',
  'Betrugsprüfung: Schwellenwert je Land',
  'Rückerstattung, teilweise',
  'PayPal Express – Adresse übernehmen',
  'Fehlertext bei abgelehnter Karte',
  'Ratenkauf-Rechner',
  'SEPA-Lastschrift: Mandat speichern',
  'Gutschrift als Zahlungsart',
  'Quittung als PDF (Ünicode-Schrift)',
  'Timeout beim Zahlungsanbieter behandeln',
  'Zahlungsarten je Warenkorbwert',
];
const adoStates = ['New', 'Active', 'Resolved', 'Closed', 'Active', 'Closed'];

/** adoCsv is an Azure DevOps query export ("PMO weekly") of the checkout team's area path: 13 new work items. */
export function adoCsv() {
  const header = ['ID', 'Work Item Type', 'Title', 'Assigned To', 'State', 'Area Path', 'Iteration Path', 'Created Date',
    'Activated Date', 'Closed Date', 'Changed Date', 'Story Points', 'Tags'];
  const rows = adoTitles.map((title, i) => {
    const state = adoStates[i % adoStates.length];
    return [String(30001 + i), ['User Story', 'Bug', 'User Story', 'Task'][i % 4], title,
      ['Kasia Nowak <kasia@larkspur.example>', 'Jürgen Groß <juergen@larkspur.example>'][i % 2], state,
      'Larkspur\\Payments\\Checkout', 'Larkspur\\Sprint 21', `9/${14 + i}/2026 10:${String((i * 5) % 60).padStart(2, '0')}:00 AM`,
      state === 'New' ? '' : `10/${13 + i}/2026 2:${String((i * 3) % 60).padStart(2, '0')}:00 PM`,
      state === 'Closed' ? `11/${13 + (i % 5)}/2026 4:00:00 PM` : '', `11/${14 + (i % 5)}/2026 9:30:00 AM`,
      String([2, 3, 5][i % 3]), 'payments; zoë'];
  });
  return '\uFEFF' + [header, ...rows].map(csvLine).join('\r\n') + '\r\n';
}

/** writeExports writes both files into dir and returns their paths. */
export function writeExports(dir) {
  const jira = join(dir, 'Catalogue Crew – Jira.csv');
  const ado = join(dir, 'Checkout – Azure DevOps.csv');
  writeFileSync(jira, jiraCsv(), 'utf8');
  writeFileSync(ado, adoCsv(), 'utf8');
  return { jira, ado };
}
