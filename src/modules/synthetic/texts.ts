// The text of a synthetic report, as people of Huế write them: short and angry, long and
// polite, plainly factual, typed without diacritics or with typos, and about one in ten in
// English. The benchmarks' cases and the demo city's are written by this one generator.
import { ANGRY_ENDINGS, DURATIONS, DURATIONS_EN, GENERIC, LANDMARKS, PHRASES, RECIPIENTS, STREETS } from './phrases.js';
import type { Random } from './random.js';

export interface ReportText {
  title: string | null;
  description: string;
  address: string | null;
  lang: 'vi' | 'en';
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Vietnamese as typed on a keyboard without a Vietnamese input method. */
export function withoutDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** A few slips of the thumb: a letter doubled, dropped or two swapped, in some longer words. */
function withTypos(random: Random, text: string): string {
  return text
    .split(' ')
    .map((word) => {
      if (word.length < 4 || !random.chance(0.15)) return word;
      const at = 1 + random.int(word.length - 2);
      const slip = random.int(3);
      if (slip === 0) return word.slice(0, at) + word.charAt(at) + word.slice(at);
      if (slip === 1) return word.slice(0, at) + word.slice(at + 1);
      return word.slice(0, at - 1) + word.charAt(at) + word.charAt(at - 1) + word.slice(at + 1);
    })
    .join(' ');
}

interface Place {
  /** As written after "ở" or "tại" ("số 12 Lê Lợi", "kiệt 12 Lê Lợi", "khu vực trước chợ Đông Ba"). */
  said: string;
  /** After an English verb: "at 12 Le Loi street", "in front of ...". */
  saidEn: string;
  /** A landmark nearby, for the writer who says where they live. */
  landmark: string;
  address: string | null;
}

function placeOf(random: Random): Place {
  const street = random.pick(STREETS);
  const landmark = random.pick(LANDMARKS);
  const number = 1 + random.int(250);
  switch (random.int(4)) {
    case 0:
      return {
        said: `số ${number} ${street}`,
        saidEn: `at ${number} ${street} street`,
        landmark,
        address: `${number} ${street}`,
      };
    case 1:
      // a kiệt is what Huế calls an alley
      return {
        said: `kiệt ${number} ${street}`,
        saidEn: `in the alley at ${number} ${street}`,
        landmark,
        address: `Kiệt ${number} ${street}`,
      };
    case 2:
      return {
        said: `đường ${street} đoạn gần ${landmark}`,
        saidEn: `on ${street} street near ${landmark}`,
        landmark,
        address: null,
      };
    default:
      return { said: `khu vực trước ${landmark}`, saidEn: `in front of ${landmark}`, landmark, address: null };
  }
}

function vietnamese(random: Random, code: string, place: Place): { title: string; description: string } {
  const phrases = PHRASES[code] ?? GENERIC;
  const problem = random.pick(phrases.vi);
  const effect = random.pick(phrases.viEffect);
  const duration = random.pick(DURATIONS);
  const title = capitalise(problem);
  switch (random.int(5)) {
    case 0: // short and angry
      return {
        title,
        description: `${capitalise(problem)} ở ${place.said} ${duration} rồi mà không ai xử lý. ${random.pick(ANGRY_ENDINGS)}`,
      };
    case 1: {
      // long and polite
      const to = random.pick(RECIPIENTS);
      return {
        title,
        description:
          `Kính gửi ${to}. Tôi là người dân ở gần ${place.landmark}. ${capitalise(duration)}, ở ${place.said} ${problem}, ${effect}. ` +
          `Gia đình tôi và bà con trong xóm rất lo lắng. Kính mong ${to} sớm cho người kiểm tra và xử lý. Xin chân thành cảm ơn!`,
      };
    }
    case 2: // factual
      return { title, description: `${capitalise(problem)} tại ${place.said}, ${effect}. Đề nghị xử lý.` };
    case 3: // a question to whoever is in charge
      return {
        title,
        description: `Cho hỏi đơn vị nào phụ trách? ${capitalise(place.said)} ${problem}, ${effect}, ${duration} chưa thấy ai đến.`,
      };
    default: // a few words from the spot
      return { title, description: `${capitalise(problem)}, ${place.said}. ${capitalise(effect)}.` };
  }
}

function english(random: Random, code: string, place: Place): { title: string; description: string } {
  const phrases = PHRASES[code] ?? GENERIC;
  const problem = random.pick(phrases.en);
  const duration = random.pick(DURATIONS_EN);
  const title = capitalise(problem);
  return random.chance(0.5)
    ? {
        title,
        description: `${capitalise(problem)} ${place.saidEn}. It has been like this ${duration}. Please fix it.`,
      }
    : {
        title,
        description: `Hello, I am a visitor staying near ${place.landmark}. ${capitalise(problem)} ${place.saidEn} and nobody seems to take care of it. Thank you for your help.`,
      };
}

/** One report about a problem of the category (its code), with its title and address when given. */
export function writeReport(random: Random, categoryCode: string): ReportText {
  const place = placeOf(random);
  const lang = random.chance(0.1) ? 'en' : 'vi';
  let { title, description } =
    lang === 'en' ? english(random, categoryCode, place) : vietnamese(random, categoryCode, place);
  if (lang === 'vi') {
    const style = random.next();
    if (style < 0.15) {
      description = withoutDiacritics(description).toLowerCase();
      title = withoutDiacritics(title);
    } else if (style < 0.3) {
      description = withTypos(random, description);
    }
  }
  return {
    title: random.chance(0.4) ? title : null,
    description,
    address: place.address,
    lang,
  };
}
