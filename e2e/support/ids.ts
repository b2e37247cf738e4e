// Valid ИИН/БИН for test accounts, with the check digit of SPEC §9.
const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export function checkDigit(first11: string): number | null {
  const d = [...first11].map(Number);
  const sum = (w: number[]) => d.reduce((acc, x, i) => acc + x * w[i], 0) % 11;
  const a = sum(W1);
  if (a !== 10) return a;
  const b = sum(W2);
  return b === 10 ? null : b;
}

const rnd = (n: number) => Math.floor(Math.random() * n);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A random valid ИИН of a person born 1950–1999. */
export function randomIin(): string {
  for (;;) {
    const year = 50 + rnd(50);
    const month = 1 + rnd(12);
    const day = 1 + rnd(28);
    const first = `${pad(year, 2)}${pad(month, 2)}${pad(day, 2)}${3 + rnd(2)}${pad(rnd(10000), 4)}`;
    const c = checkDigit(first);
    if (c !== null) return first + c;
  }
}

/** A random valid БИН of a resident legal entity's head office. */
export function randomBin(): string {
  for (;;) {
    const first = `${pad(rnd(25), 2)}${pad(1 + rnd(12), 2)}40${pad(rnd(100000), 5)}`;
    const c = checkDigit(first);
    if (c !== null) return first + c;
  }
}

/** The same number with a wrong check digit. */
export function withBadCheckDigit(valid: string): string {
  const last = Number(valid[11]);
  return valid.slice(0, 11) + String((last + 1) % 10);
}
