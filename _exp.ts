import { readFileSync } from 'node:fs';
import { convertDocx } from './functions/domain/docx/convert.ts';

const r = await convertDocx(readFileSync('/tmp/dx/a.docx'));
console.log(JSON.stringify(r, null, 1));
if (r.ok) console.log(r.value.letter.body);
