import { defineMessages } from '../../i18n/messages.ts';

// The entrance screen's words: few and large. A desk (postazione) is feminine in Italian.
export const kioskMessages = defineMessages(
  {
    freeNow: 'Free desks now',
    ofDesks: { one: 'of {count} desk', other: 'of {count} desks' },
    zoneFree: { one: 'free of {desks}', other: 'free of {desks}' },
    full: 'Full',
    people: 'People inside',
    ofPlaces: { one: 'of {count} place', other: 'of {count} places' },
    closed: 'Closed now',
    closedUntil: 'Closed now · opens {time}',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting… numbers from {time}',
    reconnectingNoData: 'Reconnecting…',
    none: '–',
  },
  {
    freeNow: 'Postazioni libere ora',
    ofDesks: { one: 'su {count} postazione', other: 'su {count} postazioni' },
    zoneFree: { one: 'libera su {desks}', other: 'libere su {desks}' },
    full: 'Al completo',
    people: 'Persone presenti',
    ofPlaces: { one: 'su {count} posto', other: 'su {count} posti' },
    closed: 'Chiuso ora',
    closedUntil: 'Chiuso ora · apre {time}',
    connecting: 'Connessione…',
    reconnecting: 'Riconnessione… dati delle {time}',
    reconnectingNoData: 'Riconnessione…',
    none: '–',
  },
);

export type KioskKey = keyof (typeof kioskMessages)['en'];
