// Imported first by main.tsx. zod compiles object parsers with `new Function` when it may; the app's CSP
// allows no eval, so zod's probe for it would be a CSP violation on every load. Jitless: the plain parser.
import { z } from 'zod';

z.config({ jitless: true });
