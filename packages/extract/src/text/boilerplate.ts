// Paragraph-level boilerplate: short lines whose wording marks them as page furniture on any
// news site (ad labels, share prompts, "read more", photo credits), whatever their markup.
const LABEL_RE = new RegExp(
  '^(?:advertisement|advertising|advert|ad|sponsored(?: content)?|story continues below(?: advertisement)?|' +
    'continue reading(?: below| the main story)?|share(?: this| on \\w+)?(?: article| story| page| post)?|' +
    'tweet|email|e-mail|print|comments?|read more|see more|show more|load more|more on this|related(?: articles| stories| content| coverage| news| posts)?|' +
    'recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|skip to (?:main )?content|' +
    'accessibility links|breaking news|sign up|subscribe(?: now)?|log ?in|sign in|follow us|close|menu|' +
    'loading\\.*|video|watch|listen|don.?t miss|must read|read next|more from \\w+|also read|see also|you may also like|more stories|top stories|latest news|explore further|recommended for you|image|photo|getty images|ap photo|reuters|file photo|next|previous|back to top)$',
  'i',
);

const PROMPT_RE = new RegExp(
  '^(?:sign up|subscribe|click here|follow (?:us|him|her)|share (?:this|on)|read (?:more|next|the full (?:story|article|report|interview))|' +
    'download (?:our|the) app|get (?:our|the) (?:newsletter|app)|related:|more:|see also:|also read:|' +
    'read also:|recommended:|watch:|listen:|photo:|image:|photograph:|credit:|source:|copyright|©|\\(c\\) \\d{4}|' +
    'all rights reserved|this article (?:was|is) (?:originally )?(?:published|updated)|' +
    'we use cookies|by (?:clicking|continuing|using)|already a subscriber|you have \\d+ free|' +
    'to continue reading|sign up for|subscribe to|enter your email|your email address)(?![a-z])',
  'i',
);

const NEWSLETTER_RE =
  /\b(?:newsletters?|inbox|podcast)\b.*\b(?:subscribe|sign up|signup|get|listen|delivered)\b|\b(?:subscribe|sign up|get|listen)\b.*\b(?:newsletters?|inbox|podcast)\b|\bdownload (?:our|the) (?:free )?app\b/i;
/** Promotions and comment-section notices that sit inside article containers. */
const PROMO_RE =
  /\b(?:subscri\w+|membership|premium)\b.*\bfor as little as\b|\bfor as little as\b.*\b(?:subscri\w+|membership)\b|\buse (?:the )?(?:promo |coupon |discount )?code\b|^related\b[^.]{0,40}:|^buyer'?s guide:|^(?:note:\s*)?(?:we are (?:\w+ )?)?(?:moderat\w*|leave|add|submit|view|show|load|read|post)\b.{0,30}\bcomments?\b/i;
const CONTACT_RE =
  /^(?:have a (?:news )?tip|got a (?:news )?tip|contact (?:the )?(?:author|reporter|writer)|\S+(?: \S+){0,3} (?:may|can) be reached at)\b/i;

/** CMS shortcodes that leaked into the text, e.g. "[button link=...]Send us...[/button]". */
const SHORTCODE_RE = /^\[[a-z_][\w-]*(?:\s[^\]]*)?\][^[]*\[\/[a-z_][\w-]*\]$/i;

/** A paragraph that is only an address (the page's own URL printed for sharing or print). */
const BARE_URL_RE = /^(?:https?:\/\/|www\.)\S+$/i;

/** The same furniture in de, fr, es, it, nl, pt and pl: whole short lines… */
const LABEL_MULTI_RE = new RegExp(
  '^(?:mehr zum thema(?: .{1,40})?|(?:zum )?weiterlesen|lesen sie (?:auch|mehr)(?: .{1,40})?|auch interessant|' +
    'das könnte sie (?:auch )?interessieren!?|schon gelesen\\??|ähnliche (?:beiträge|artikel)|neueste (?:artikel|beiträge)|' +
    'weitere (?:beiträge|artikel|informationen|infos)(?: .{1,40})?|zusatzinformationen|quellenangaben|quellen|kontakt|' +
    'teilen|artikel teilen|jetzt teilen|kommentare(?: geschlossen)?|anzeige|werbung|über (?:den|die) autor(?:in)?|' +
    'vorschau auf den nächsten artikel|titelbild|mit freunden teilen|was denkst du\\??|externer inhalt|ansprechpartner(?:in)?(?: zum thema)?|' +
    'lire (?:aussi|la suite|plus)|à lire aussi|voir aussi|sur le même sujet|partager|publicité|' +
    'leer más|lee también|te puede interesar|noticias relacionadas|compartir|publicidad|' +
    'leggi (?:anche|di più)|articoli correlati|condividi|pubblicità|' +
    'lees (?:ook|meer)|gerelateerde artikelen|delen|advertentie|' +
    'leia (?:também|mais)|veja também|compartilhar|publicidade|' +
    'czytaj (?:także|też|więcej)|zobacz (?:też|także)|udostępnij|reklama)$',
  'iu',
);
/** …and lead-ins of furniture lines (credits, sources, related links, cookie notices). */
const PROMPT_MULTI_RE =
  /^(?:titelbild|foto|fotos|bild|bilder|quelle|source|fuente|fonte|crédit|crédito|photo|zdjęcie|fot\.)\s*:|^(?:lesen sie auch|mehr zum thema|weitere informationen|zum weiterlesen|lire aussi|à lire aussi|leer más|lee también|puedes ver|leggi anche|lees ook|leia também|czytaj (?:także|też))\b|^anzeige\s*[-–:]|^(?:wir verwenden|diese (?:website|seite) (?:verwendet|nutzt)|nous utilisons|utilizamos|utilizziamo|wij gebruiken|korzystamy z) (?:cookies|cookie)/iu;

/**
 * Furniture recognised by what it says wherever it sits in a line of up to 300 characters:
 * subscription and app prompts, affiliate disclosures, consent and cookie notices, copyright
 * lines, comment-section and download labels, in en, de, fr, es, it, nl, pt and pl.
 */
const FURNITURE_PHRASES = [
  /\b(?:we|i) (?:may )?(?:receive|earn) (?:a )?(?:small )?(?:commission|compensation)\b|\badvertisers? do(?:es)? not influence\b|\bcontains (?:affiliate links|references to products)\b/i,
  /\balready (?:a )?subscriber\b|\bsubscribe (?:to|for) (?:view|read|continue|unlimited)|\bto (?:view|read) the full (?:story|article)\b|\b(?:first-time |new )?subscribers (?:also )?(?:receive|get)\b/i,
  /\bdownload (?:the|our) (?:\S+ ){0,3}apps?\b|\bstraight to your (?:phone|inbox)\b|\bnever miss (?:the latest|a story|an update)\b|\bsign(?:ing)? up (?:to|for) our (?:free )?newsletter\b/i,
  /\b(?:im|als|ihr) abo\b|\be-?paper\b.*\b(?:erhältlich|bestellen|lesen)\b|\bsie sind (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)\b|\bdieser (?:beitrag|artikel) (?:stammt|erschien) (?:aus|in|zuerst)\b/iu,
  /\bkommentare (?:sind )?geschlossen\b|\btrackback\b|\bbei fragen (?:und anregungen )?zu diesem (?:artikel|beitrag)\b|\bjede (?:kleine )?spende\b|\bwir respektieren (?:deine|ihre) privatsphäre\b|\bohne (?:dein|ihr) einverständnis\b/iu,
  /\btous droits réservés\b|\btodos los derechos reservados\b|\btutti i diritti riservati\b|\balle rechten voorbehouden\b|\btodos os direitos reservados\b|\bwszelkie prawa zastrzeżone\b|\bmateriał chroniony prawem\b/iu,
  /\bdéjà abonné(?!\p{L})|\babonnez-vous\b|\bya eres suscriptor\b|\bsuscríbete\b|\bjá é assinante\b|\bal abonnee\b/iu,
  /\b(?:pdf|docx?|xlsx?|pptx?|zip)\s*\|\s*\d+(?:[.,]\d+)?\s*[kmg]b\b/i,
  /\bals pdf (?:herunterladen|downloaden)\b|\bdownload (?:as|the) pdf\b|\btélécharger (?:le|en) pdf\b/i,
  // Disclaimers and licence notices under the text.
  /\bmeinung (?:des|der) (?:autors|autorin|verfassers|verfasserin)\b.*\bwieder\b|\bopinions? expressed\b|\bn'engagent que\b|^disclaimer\b/iu,
  /\b(?:lizenz|licen[cs]ed?|licencia|licenza|licentie|licencj\w*|stehen .{0,40} unter)\b.{0,40}\bcc[- ]by\b/i,
  // Comment-section prompts.
  /\b(?:anmelden|einloggen|registrieren)\b.{0,40}\b(?:kommentar\w*|netiquette)\b|\bnetiquette\b|\blogged in to (?:post a )?comment\b/iu,
  /^(?:asked|answered|edited)\s.{0,40}\b(?:19|20)\d{2}\b.{0,12}$/i,
];
/** A cookie notice names cookies and what the site does with them or asks of the reader. */
const COOKIE_NOTICE =
  /\bcookies?\b.*\b(?:website|webseite|site|seite|strona|stronie|privacy|datenschutz|consent|einwillig\w*|zustimm\w*|akzept\w*|accept\w*|navigat\w*|utilis\w*|korzyst\w*|gebruik\w*)|\b(?:website|webseite|strona|korzystamy|utilisons|utilizamos|verwenden|we use)\b.*\bcookies?\b/iu;
const MAX_FURNITURE_LINE = 300;

function hasFurniturePhrase(t: string): boolean {
  if (t.length > MAX_FURNITURE_LINE) return false;
  return COOKIE_NOTICE.test(t) || FURNITURE_PHRASES.some((re) => re.test(t));
}

/**
 * Short lines that introduce a box rather than say something: "Mehr Kolumnen auf X:", "Den Artikel
 * teilen:", "Themen: …", "Erschienen in …". Tested on the untrimmed line, whose colon counts.
 */
const LEAD_IN_LABEL_RE =
  /^(?:mehr|more|plus|más|altri|meer|mais|więcej) \S+(?: \S+){0,4}:$|^.{0,40}\b(?:teilen|share|partager|compartir|condividi|delen|compartilhe|udostępnij)\b.{0,30}:$|^(?:themen|topics|schlagw(?:orte|örter)|thèmes|temas|temi|onderwerpen|tematy):|^erschienen in\b/iu;

export function isBoilerplateLine(text: string): boolean {
  const t = text
    .replace(/[\s|•·:>»›→←<«‹-]+$/u, '')
    .replace(/^[\s|•·>»›-]+/u, '')
    .trim();
  if (t.length === 0) return true;
  if (t.length <= 40 && LABEL_RE.test(t)) return true;
  if (t.length <= 80 && (LABEL_MULTI_RE.test(t) || LEAD_IN_LABEL_RE.test(text.trim()))) return true;
  if (t.length <= 200 && PROMPT_MULTI_RE.test(t)) return true;
  if (SHORTCODE_RE.test(t) || BARE_URL_RE.test(t) || hasFurniturePhrase(t)) return true;
  if (t.length > 200) return false;
  if (/\bclick here\b/i.test(t)) return true;
  return PROMPT_RE.test(t) || CONTACT_RE.test(t) || PROMO_RE.test(t) || (t.length <= 160 && NEWSLETTER_RE.test(t));
}

export function isCreditLine(text: string): boolean {
  if (text.length >= 300) return false;
  // "Caption text. (credit: Agency)" and "installation views, photos © Studio, 2018" are captions.
  if (
    /\((?:photo |image )?credits?:[^)]*\)\s*$/i.test(text) ||
    /\b(?:photos?|images?|pictures?)\s*(?:©|\(c\)|courtesy)/i.test(text) ||
    // A caption ending in its credit: "… gesegnet. | © Agency/Photographer", "…muss© Name/site.de".
    /(?:\|\s*|\S)©\s*[\p{L}\d .&/-]{2,60}$/u.test(text)
  )
    return true;
  return (
    text.length < 160 &&
    /^(?:\(?(?:photo|image|picture|illustration|video|graphic)s?(?: by| credit)?:|\(?credit:)/i.test(text)
  );
}
