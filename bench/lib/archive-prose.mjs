// Made-up business-news prose for the archive benchmark: a cast for each story (two companies,
// a person, a place, a sector), then sentences drawn from templates over word banks, so the
// archive has the vocabulary spread of real reporting (search and tsvector sizes stay honest)
// without any real company, person or text. Written for this benchmark; deterministic.
import { capitalize } from './archive-random.mjs';

const NAME_HEADS = ['Aldren', 'Brisk', 'Calder', 'Dunmore', 'Everly', 'Farrow', 'Galloway', 'Hensley', 'Ingram', 'Jessop', 'Kelvin', 'Lowther', 'Merrow', 'Norland', 'Orwin', 'Pelham', 'Quillon', 'Rothwell', 'Sable', 'Tarrant', 'Upton', 'Verity', 'Whitcombe', 'Yardley', 'Zander', 'Ashdown', 'Birchley', 'Coldharbour', 'Drayton', 'Emberly', 'Foxley', 'Greave', 'Halden', 'Ivory', 'Kestler', 'Lindqvist', 'Marlowe', 'Nyberg', 'Okonkwo', 'Pradera', 'Ravel', 'Sundquist', 'Tamsin', 'Valcour', 'Westerly'];
const NAME_TAILS = ['Group', 'Holdings', 'Industries', 'Partners', 'Systems', 'Works', 'Labs', 'Brands', 'Capital', 'Networks', 'Foods', 'Materials', 'Logistics', 'Therapeutics', 'Energy', 'Motors', 'Media', 'Payments', 'Retail', 'Aerospace'];
const FIRST_NAMES = ['Amara', 'Bastien', 'Carmen', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiroshi', 'Ines', 'Joaquin', 'Katya', 'Lucas', 'Maren', 'Nikhil', 'Olufemi', 'Paula', 'Quentin', 'Rosa', 'Soren', 'Tendai', 'Ulla', 'Viktor', 'Wen', 'Yasmin', 'Zofia'];
const LAST_NAMES = ['Achterberg', 'Bellamy', 'Castellanos', 'Dorsey', 'Eklund', 'Fontaine', 'Gunawardena', 'Holloway', 'Iversen', 'Jablonski', 'Kaur', 'Lindgren', 'Mbeki', 'Novak', 'Oyelaran', 'Petrakis', 'Quiroga', 'Rasmussen', 'Sato', 'Thorne', 'Ueda', 'Vasquez', 'Whitaker', 'Yilmaz', 'Zielinski'];
const TITLES = ['chief executive', 'chief financial officer', 'head of strategy', 'chair', 'head of operations', 'chief technology officer', 'head of investor relations', 'president of the European business'];
const PLACES = ['Rotterdam', 'Monterrey', 'Gdansk', 'Queensland', 'Bavaria', 'Gujarat', 'Ontario', 'Catalonia', 'Jakarta', 'Nairobi', 'Busan', 'Lombardy', 'Wales', 'Saxony', 'Alberta', 'Penang', 'Lagos', 'Valparaiso', 'Izmir', 'Kyushu', 'Flanders', 'Tasmania', 'Porto', 'Leipzig', 'Da Nang'];

/** Per section: what its companies make, measure and worry about. */
const SECTOR_WORDS = {
  business: { goods: ['private-label groceries', 'industrial pumps', 'office furniture', 'freight services', 'packaged snacks', 'work uniforms'], metric: ['same-store sales', 'order intake', 'gross margin', 'inventory days'], worry: ['shelf prices', 'supplier terms', 'wage bills', 'freight rates'] },
  technology: { goods: ['memory chips', 'payroll software', 'cloud storage', 'network switches', 'design tools', 'security software'], metric: ['annual recurring revenue', 'net retention', 'wafer starts', 'data-center bookings'], worry: ['customer churn', 'chip supply', 'model training costs', 'licence renewals'] },
  markets: { goods: ['corporate bonds', 'listed infrastructure funds', 'mid-cap equities', 'currency hedges', 'private credit', 'index products'], metric: ['spreads', 'fund inflows', 'trading volumes', 'fee income'], worry: ['rate cuts', 'redemptions', 'refinancing walls', 'liquidity'] },
  media: { goods: ['streaming subscriptions', 'live sports rights', 'mobile games', 'regional newspapers', 'podcast networks', 'film libraries'], metric: ['paying subscribers', 'average revenue per user', 'advertising yield', 'watch time'], worry: ['content budgets', 'ad demand', 'cancellations', 'rights inflation'] },
  autos: { goods: ['battery packs', 'electric vans', 'brake systems', 'charging hardware', 'compact SUVs', 'axle modules'], metric: ['deliveries', 'cost per kilowatt-hour', 'dealer stock', 'warranty claims'], worry: ['tariffs', 'battery prices', 'software recalls', 'plant utilisation'] },
};
export const SECTION_IDS = Object.keys(SECTOR_WORDS);

const MOVES_UP = ['rose', 'climbed', 'jumped', 'improved', 'recovered', 'edged up'];
const MOVES_DOWN = ['fell', 'slipped', 'dropped', 'weakened', 'eased', 'shrank'];
const PERIODS = ['first quarter', 'second quarter', 'third quarter', 'fourth quarter', 'first half', 'second half', 'fiscal year'];
const PLANS = ['close two older plants', 'raise list prices', 'buy back shares', 'sell its logistics arm', 'refinance its bonds early', 'double research spending', 'move production nearer customers', 'cut a layer of management', 'license its technology to rivals', 'pause its dividend', 'open a second distribution hub', 'bring assembly in-house'];
const AUDIENCES = ['analysts', 'bondholders', 'suppliers', 'regulators', 'dealers', 'large customers', 'rivals', 'lenders', 'works councils', 'pension funds', 'procurement chiefs', 'rating agencies'];
const MOODS = ['wary', 'encouraged', 'sceptical', 'split', 'relieved', 'uneasy', 'patient', 'unconvinced', 'quietly optimistic', 'impatient'];
const LINKS = ['Even so', 'Meanwhile', 'By contrast', 'For now', 'In practice', 'Still', 'At the same time', 'Over the longer run', 'Beyond the headline figure', 'Closer to home'];
const VERDICTS = ['a reasonable bet', 'an expensive hedge', 'overdue', 'premature', 'a test of nerve', 'the least bad option', 'hard to reverse', 'cheap insurance'];
const HEADINGS = ['What changed', 'Why it matters now', 'The numbers', 'A crowded field', 'Pressure from both ends', 'What investors are pricing', 'The cost question', 'Where the risk sits', 'The view from suppliers', 'Regulators watch', 'What comes next', 'The long game', 'Inside the plan', 'Who loses'];
const HEADLINE_TURNS = ['raises its outlook as', 'cuts guidance after', 'bets on expansion while', 'weighs a sale as', 'posts a record quarter as', 'delays a launch as', 'signs a supply deal as', 'faces pressure as', 'reorganises as', 'takes a charge as'];
const HEADLINE_CAUSES = ['demand cools', 'costs climb', 'rivals cut prices', 'orders return', 'rates stay high', 'margins narrow', 'customers hesitate', 'exports recover', 'inventories swell', 'a key contract lapses'];

/** The companies, person, place and sector one story is about. */
export function castFor(rnd, section) {
  const company = `${rnd.pick(NAME_HEADS)} ${rnd.pick(NAME_TAILS)}`;
  let rival = `${rnd.pick(NAME_HEADS)} ${rnd.pick(NAME_TAILS)}`;
  if (rival === company) rival = `${rnd.pick(NAME_HEADS)}-${rnd.pick(NAME_HEADS)} ${rnd.pick(NAME_TAILS)}`;
  const person = `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
  return { company, rival, person, personTitle: rnd.pick(TITLES), place: rnd.pick(PLACES), sector: SECTOR_WORDS[section] ?? SECTOR_WORDS.business };
}

/** One sentence of reporting about the cast. */
export function sentence(rnd, c) {
  const pct = () => `${rnd.int(2, 38)}${rnd.next() < 0.3 ? `.${rnd.int(1, 9)}` : ''} percent`;
  const money = () => `${rnd.int(12, 940)} million dollars`;
  const move = () => rnd.pick(rnd.next() < 0.5 ? MOVES_UP : MOVES_DOWN);
  const templates = [
    () => `${c.company} said its ${rnd.pick(c.sector.metric)} ${move()} ${pct()} in the ${rnd.pick(PERIODS)}, leaving ${rnd.pick(AUDIENCES)} ${rnd.pick(MOODS)} about ${rnd.pick(c.sector.worry)}.`,
    () => `"We would rather ${rnd.pick(PLANS)} now than explain a weaker year later," said ${c.person}, the company's ${c.personTitle}.`,
    () => `${c.person} told ${rnd.pick(AUDIENCES)} that the plan to ${rnd.pick(PLANS)} was ${rnd.pick(VERDICTS)}, and that the board had backed it unanimously.`,
    () => `${rnd.pick(LINKS)}, ${c.rival} has moved to ${rnd.pick(PLANS)}, which narrows the room ${c.company} has on ${rnd.pick(c.sector.worry)}.`,
    () => `The site in ${c.place} makes ${rnd.pick(c.sector.goods)} for about ${rnd.int(3, 90) * 100} customers and has run ${rnd.pick(['below', 'near', 'above'])} capacity since the ${rnd.pick(PERIODS)}.`,
    () => `${capitalize(rnd.pick(AUDIENCES))} remain ${rnd.pick(MOODS)}: ${rnd.pick(c.sector.worry)} has shifted faster than ${rnd.pick(c.sector.metric)} has moved.`,
    () => `A deal worth roughly ${money()} would give ${c.company} a foothold in ${rnd.pick(PLACES)} and more say over ${rnd.pick(c.sector.worry)}.`,
    () => `People familiar with the talks said ${c.company} had also looked at a plan to ${rnd.pick(PLANS)}, but judged the timing poor.`,
    () => `${c.rival} reported that its own ${rnd.pick(c.sector.metric)} ${move()} over the same period, a sign the pressure is shared across the market for ${rnd.pick(c.sector.goods)}.`,
    () => `That matters because ${rnd.pick(c.sector.worry)} tends to lag ${rnd.pick(c.sector.metric)} by a quarter or two, so the full effect may not show until the ${rnd.pick(PERIODS)}.`,
    () => `The shares ${move()} ${rnd.int(1, 12)} percent in early trading before settling, suggesting ${rnd.pick(AUDIENCES)} had expected part of the news.`,
    () => `Demand for ${rnd.pick(c.sector.goods)} in ${c.place} has been ${rnd.pick(['uneven', 'firm', 'soft', 'seasonal', 'stronger than forecast'])}, according to figures the company shared with ${rnd.pick(AUDIENCES)}.`,
    () => `${c.company} set aside ${money()} for the change, most of it in the ${rnd.pick(PERIODS)}, and expects savings to show within two years.`,
    () => `${rnd.pick(LINKS)}, the open question is whether ${c.company} can ${rnd.pick(PLANS)} without weakening ${rnd.pick(c.sector.metric)}.`,
    () => `One of its larger customers in ${rnd.pick(PLACES)} said it had already asked ${rnd.pick(AUDIENCES)} for terms from ${c.rival}.`,
    () => `Net debt stood at ${rnd.int(1, 9)}.${rnd.int(0, 9)} times operating profit at the end of the ${rnd.pick(PERIODS)}, ${rnd.pick(['within', 'just above', 'well inside', 'close to'])} the range the company has promised lenders.`,
  ];
  return rnd.pick(templates)();
}

export function headline(rnd, c) {
  return `${c.company} ${rnd.pick(HEADLINE_TURNS)} ${rnd.pick(HEADLINE_CAUSES)}`;
}

export function dekLine(rnd, c) {
  return `The maker of ${rnd.pick(c.sector.goods)} plans to ${rnd.pick(PLANS)} as ${rnd.pick(AUDIENCES)} grow ${rnd.pick(MOODS)} about ${rnd.pick(c.sector.worry)}.`;
}

export const heading = (rnd) => rnd.pick(HEADINGS);

/** One bullet of Key Insights and Take-aways. */
export function insightLine(rnd, c) {
  return `- ${capitalize(rnd.pick(c.sector.worry))} is the lever to watch: ${c.company} can ${rnd.pick(PLANS)} only if ${rnd.pick(AUDIENCES)} stay ${rnd.pick(MOODS)} through the ${rnd.pick(PERIODS)}, and ${c.rival} is positioned to gain if they do not.`;
}

/** One numbered Executive Action. */
export function actionLine(rnd, c, n) {
  return `${n}. Review exposure to ${rnd.pick(c.sector.goods)} where ${rnd.pick(c.sector.worry)} bites hardest, and agree with ${rnd.pick(AUDIENCES)} what would make it ${rnd.pick(VERDICTS)} to ${rnd.pick(PLANS)} before the ${rnd.pick(PERIODS)} closes.`;
}

/** A made-up journalist for the authors/ folder. */
export function authorFor(rnd, index, sectionNames) {
  const first = FIRST_NAMES[index % FIRST_NAMES.length];
  const last = LAST_NAMES[(index * 7 + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length];
  const beat = sectionNames[index % sectionNames.length];
  const role = rnd.pick(['Reporter', 'Senior Reporter', 'Correspondent', 'Editor', 'Columnist', 'Data Reporter']);
  return { name: `${first} ${last}`, role: `${beat} ${role}`, bio: `${first} ${last} covers ${beat.toLowerCase()} from ${rnd.pick(PLACES)}, with a focus on ${rnd.pick(Object.values(SECTOR_WORDS).flatMap((s) => s.goods))}.` };
}
