import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBoilerplateLine, isCreditLine } from '../src/text/boilerplate.ts';

function expectBoilerplate(lines: string[], expected: boolean): void {
  for (const line of lines) assert.equal(isBoilerplateLine(line), expected, line);
}

describe('paragraph-level boilerplate', () => {
  it('recognises furniture lines', () => {
    expectBoilerplate(
      [
        'Mehr zum Thema',
        'Weiterlesen:',
        'Lesen Sie auch: Die Bahn streikt wieder',
        'Titelbild: Jane Doe',
        'Das könnte Sie auch interessieren!',
        'Lire aussi',
        'Leer más',
        'Leggi anche',
        'Lees ook',
        'Leia também',
        'Czytaj także',
        'Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.',
        'Advertisement',
        'ADVERTISEMENT',
        'Share this article',
        'Read more:',
        'Skip to main content',
        'Accessibility links',
        'Breaking News',
        "DON'T MISS",
        'Sign up for our daily newsletter',
        'Leave a comment',
        'Click here to subscribe',
        '[button link="x"]Send us your review[/button]',
        'Have a tip? Jane Doe may be reached at jane@example.com.',
      ],
      true,
    );
  });

  it('keeps ordinary sentences that merely mention the same words', () => {
    expectBoilerplate(
      [
        'Tickets are available for as little as $10.',
        'The new app helps you get a ride faster.',
        'Officials did not post comments on the matter.',
        'Breaking news is hard to verify, the editor said.',
        'Share prices rose 3% on Tuesday.',
        'Read the full statement below, the ministry said.',
      ],
      false,
    );
  });

  it('recognises subscription, app, consent, copyright and download furniture in several languages', () => {
    expectBoilerplate(
      [
        'If you are already a subscriber, log in to read on.',
        'This post contains affiliate links: we may receive a commission when you buy.',
        'Download our free news app for iOS and Android.',
        'Never miss the latest news: sign up to our newsletter today!',
        'Die neue Ausgabe gibt es im Abo und als E-Paper, jetzt erhältlich.',
        'Sie sind aktuell nicht eingeloggt.',
        'Kommentarfeed | Kommentare geschlossen | Trackback-URL',
        'Mit Freunden teilen',
        'Diese Website nutzt Cookies, um die Nutzung zu analysieren.',
        'Nasza strona korzysta z cookies.',
        'Materiał chroniony prawem autorskim.',
        '© Le Journal, tous droits réservés.',
        'Déjà abonné ? Connectez-vous.',
        'Informationsschreiben vom 1. März 2021 PDF | 38 KB',
        'Dieser Beitrag gibt die Meinung des Autors wieder, nicht die der Redaktion.',
        'Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-SA 4.0.',
        'Sie müssen sich anmelden, um Kommentare zu schreiben.',
        'asked Mar 3, 2015 at 10:12',
        'Mehr Kolumnen auf Unserer Seite:',
        'Den Artikel mit anderen teilen:',
        'Themen: Impfstoff, Prognosen, Forschung',
      ],
      true,
    );
  });

  it('keeps sentences about cookies, apps and subscriptions that are news', () => {
    expectBoilerplate(
      [
        'Bake the cookies for twelve minutes until golden.',
        'The council approved the new parking app on Monday after a long debate.',
        'Subscribers to the water scheme will pay less from next year, the utility said.',
        'Mehr als die Hälfte der Befragten sagte: Wir wollen bleiben.',
        'Themen wie Wohnen und Verkehr bestimmten den Wahlkampf.',
      ],
      false,
    );
  });

  it('recognises photo credits and credit suffixes', () => {
    assert.equal(isCreditLine('Photo: Getty Images'), true);
    assert.equal(isCreditLine('Der Golfer war mit Talent gesegnet. | © Augusta National/Getty Images'), true);
    assert.equal(isCreditLine('The core stage at the assembly facility. (credit: NASA/Jude Guidry)'), true);
    assert.equal(isCreditLine('Installation views, photos © Studio, 2018'), true);
    assert.equal(isCreditLine('The agency credited the crew with saving lives.'), false);
  });
});
