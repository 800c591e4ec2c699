// Makes URL slugs from names: `Kurmanbek Bakiyev` -> `kurmanbek-bakiyev`, `Ош` -> `ош`.

export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      // Latin letters lose their accents (`Jalal-Abad`, `Bişkek`); other scripts keep their marks.
      .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
      .normalize('NFC')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
  )
}
