/**
 * The official document fonts (GB/T 9704: 仿宋_GB2312 for the body, 黑体 for first-level headings,
 * 宋体 for the title and tables) and what stands in for each where it is missing. A Word document
 * names one East Asian font per run; the font table (`word/fontTable.xml`) gives each its usual
 * alternative name (仿宋_GB2312 → 仿宋, which every Windows has) and the GB2312 character set, and
 * every run is marked zh-CN, so a reader without the font substitutes a Chinese one: on Linux
 * fontconfig maps them to the machine's CJK font (WenQuanYi Zen Hei here and in CI). The print view
 * lists the same names in CSS with that font last.
 */
export const MACHINE_CJK_FONT = 'WenQuanYi Zen Hei';

interface OfficialFont {
  name: string;
  /** The name the same face goes by elsewhere: Word uses it when `name` is not installed. */
  altName: string;
  family: 'roman' | 'modern' | 'swiss';
  panose: string;
}

export const BODY_FONT: OfficialFont = {
  name: '仿宋_GB2312',
  altName: '仿宋',
  family: 'modern',
  panose: '02010609030101010101',
};
export const HEADING_FONT: OfficialFont = {
  name: '黑体',
  altName: 'SimHei',
  family: 'modern',
  panose: '02010609060101010101',
};
export const TITLE_FONT: OfficialFont = {
  name: '宋体',
  altName: 'SimSun',
  family: 'roman',
  panose: '02010600030101010101',
};
/** Latin letters and digits in official documents. */
export const LATIN_FONT = 'Times New Roman';

/** A run's fonts: the official East Asian font, Times New Roman for Latin text and digits. */
export const runFonts = (font: OfficialFont) => ({
  eastAsia: font.name,
  ascii: LATIN_FONT,
  hAnsi: LATIN_FONT,
  cs: LATIN_FONT,
  hint: 'eastAsia',
});

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function fontEntry({ name, altName, family, panose }: OfficialFont): string {
  // charset 86 = GB2312; the signature's code page bit 18 says "Chinese, simplified".
  return (
    `<w:font w:name="${escapeXml(name)}"><w:altName w:val="${escapeXml(altName)}"/>` +
    `<w:panose1 w:val="${panose}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="fixed"/>` +
    `<w:sig w:usb0="00000001" w:usb1="080E0000" w:usb2="00000010" w:usb3="00000000" w:csb0="00040000" w:csb1="00000000"/></w:font>`
  );
}

/** `word/fontTable.xml`: the official fonts with their alternatives, Times New Roman, and the machine's CJK font. */
export function fontTableXml(): string {
  const fonts = [BODY_FONT, HEADING_FONT, TITLE_FONT].map(fontEntry).join('');
  const latin = `<w:font w:name="${LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  const machine = `<w:font w:name="${MACHINE_CJK_FONT}"><w:charset w:val="86"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${fonts}${latin}${machine}</w:fonts>`
  );
}

/** The print view's font stacks: the official names first, the machine's CJK font last. */
export const CSS_FONT_STACKS = {
  body: `'${BODY_FONT.name}', '${BODY_FONT.altName}', FangSong, STFangsong, '${MACHINE_CJK_FONT}', serif`,
  heading: `'${HEADING_FONT.name}', ${HEADING_FONT.altName}, STHeiti, '${MACHINE_CJK_FONT}', sans-serif`,
  title: `'${TITLE_FONT.name}', ${TITLE_FONT.altName}, STSong, '${MACHINE_CJK_FONT}', serif`,
};
