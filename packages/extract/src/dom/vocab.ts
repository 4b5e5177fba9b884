// Class/id vocabulary that page templates across the web use for chrome. Matched against the
// lower-cased "class id" string; short words need token boundaries so "ad" does not hit "header".
const B = '(?:^|[^a-z0-9])';
const E = '(?![a-z])';

const CHROME_WORDS = [
  'nav', 'navbar', 'navigation', 'menu', 'breadcrumbs?', 'footer', 'masthead', 'sidebar',
  'side-bar', 'share', 'sharing', 'sharebar', 'social-(?:share|links|icons|buttons|bar|follow|media-links|tools|nav)', 'related', 'recommend(?:ed|ations?)?',
  'newsletter', 'subscribe', 'subscription', 'signup', 'sign-up', 'cookie', 'consent', 'gdpr',
  'comments?', 'disqus', 'advert\\w*', 'ads?', 'adslot', 'ad-\\w+', 'adsbygoogle', 'dfp',
  'gpt-ad', 'sponsor\\w*', 'promo\\w*', 'outbrain', 'taboola', 'widget\\w*', 'skiplink',
  'byline', 'caption', 'credits?', 'copyright', 'tag-list', 'taglist',
  'pagination', 'pager', 'more-stories', 'most-read', 'most-popular', 'trending', 'read-more',
  'readmore', 'next-article', 'visually-hidden', 'sr-only', 'screen-reader\\w*',
  'signin', 'login', 'post-meta', 'entry-meta', 'article-meta', 'subscribe\\w*', 'recirc\\w*',
  'inline-ad', 'pullquote', 'pull-quote', 'jump-link', 'donate', 'membership', 'app-promo',
  'onward', 'rollover\\w*', 'tooltip\\w*', 'popover\\w*', 'hovercard',
];

/** Words that also name page wrappers ("site-header", "modal-enabled"): trusted only on small boxes. */
const WEAK_WORDS = [
  'popup', 'modal', 'overlay', 'ticker', 'breaking', 'toolbar', 'tools', 'print', 'author\\w*',
  'hidden', 'dateline', 'timestamp', 'meta', 'header', 'headline', 'banner', 'cta', 'follow',
  'video-player', 'player', 'gallery', 'slideshow', 'inset', 'bio', 'disclaimer', 'toc',
  'feedback', 'links', 'alert', 'notification', 'carousel', 'slider', 'lightbox', 'rating', 'poll',
  'tags', 'topics', 'keywords', 'popular', 'skip', 'social',
];

export const CHROME_RE = new RegExp(`${B}(?:${CHROME_WORDS.join('|')})${E}`);
/** Words specific enough to match inside camelCase or run-together names ("newsCaption", "adContainer" is not among them). */
export const EMBEDDED_CHROME_RE = /caption|byline|breadcrumb|newsletter|advert|sharebar|socialshare|sharetools|cookiebanner|cookieconsent|addthis|addtoany|sharedaddy|yarpp/;
export const WEAK_CHROME_RE = new RegExp(`${B}(?:${WEAK_WORDS.join('|')})${E}`);

/** Embedded posts (tweets, Instagram) are quoted content, even inside "social" wrappers. */
export const EMBED_RE = /(?:^|[^a-z])(?:embed\w*|twitter-tweet|instagram-media|tiktok-embed)(?![a-z])/;

/** Words that mark the article container itself; they outweigh a chrome word on the same node. */
export const CONTENT_RE = /(?:^|[^a-z])(?:article[-_]?body|story[-_]?body|entry[-_]?content|post[-_]?(?:content|body)|article[-_]?content|articlebody|main[-_]?content|body[-_]?text|article[-_]?text|story[-_]?content|content[-_]?body|rich[-_]?text)(?![a-z])/;

export const CHROME_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'button',
  'input', 'select', 'textarea', 'option', 'nav', 'figcaption', 'dialog', 'menu', 'video', 'audio',
  'map', 'head', 'link', 'meta', 'picture', 'img', 'source', 'label', 'title',
]);

/** Tags that usually hold chrome but sometimes wrap the page: removed only when they are not most of it. */
export const SOFT_CHROME_TAGS = new Set(['aside', 'footer', 'header', 'form']);

export const CHROME_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'search', 'menu',
  'menubar', 'toolbar', 'tablist', 'note',
]);

export const CHROME_ITEMPROPS = /^(?:author|creator|datepublished|datemodified|publisher|headline|keywords|articlesection|name|caption|copyrightholder)$/i;
