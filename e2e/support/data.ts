// Expected texts come from the project's own data, so a test checks what a
// person would see in each language.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Lang = 'kk' | 'ru' | 'en';
export const LANGS: Lang[] = ['kk', 'ru', 'en'];
export type Text = Record<Lang, string>;

const root = path.resolve(__dirname, '..', '..');

/** Both parts of a language's texts: the first paint's and the pages'. */
export function locale(lang: Lang): Record<string, string> {
  const dir = path.join(root, 'frontend', 'locales');
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
  return { ...read(path.join(dir, `${lang}.json`)), ...read(path.join(dir, 'pages', `${lang}.json`)) };
}

export interface ServiceData {
  code: string;
  category: string;
  name: Text;
  summary: Text;
  description: Text;
  providers: string[];
  eligibility: string;
  automation: string;
  survey: { title: Text; process: Text; information: Text };
}

export function services(): ServiceData[] {
  const dir = path.join(root, 'backend', 'data', 'catalog', 'services');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ServiceData);
}

export function service(code: string): ServiceData {
  const s = services().find((x) => x.code === code);
  if (!s) throw new Error(`no service ${code}`);
  return s;
}

export const DEMO_APPLICANT = { id: '900101300007', password: 'demo-applicant-2026', name: 'Асқаров Ерлан Серікұлы' };

/** The codes of the services a search for `word` should find: in a name,
 * summary or description in any language, or in a provider's name. */
export function servicesMatching(word: string): string[] {
  const w = word.toLowerCase();
  const has = (t: Text) => LANGS.some((l) => t[l].toLowerCase().includes(w));
  const providers: { code: string; name: Text }[] = JSON.parse(
    fs.readFileSync(path.join(root, 'backend', 'data', 'catalog', 'providers.json'), 'utf8'),
  );
  return services()
    .filter(
      (s) =>
        has(s.name) || has(s.summary) || has(s.description) ||
        s.providers.some((c) => providers.some((p) => p.code === c && has(p.name))),
    )
    .map((s) => s.code)
    .sort();
}
