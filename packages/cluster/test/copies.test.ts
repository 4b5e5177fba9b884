// The decision procedure end to end on real text, through the in-memory store (same algorithm as
// the Redis store, no I/O).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readJsonl } from '../eval/labelled.ts';
import { evaluate } from '../eval/run-eval.ts';
import { ECBPLUS_FILE } from '../eval/syndication-suite.ts';
import { createMemoryClusterStore } from '../src/store/memory-store.ts';
import { SEEDS_DIR } from './helpers.ts';

const QUAKE_A = `A magnitude 6.1 earthquake struck off the coast of northern Chile on Tuesday, the U.S. Geological Survey said.
The quake was centred 45 kilometres west of the port city of Iquique at a depth of 20 kilometres, the agency said.
There were no immediate reports of damage or casualties, and the Pacific Tsunami Warning Center said there was no threat of a tsunami.
Residents of Iquique said the shaking lasted about thirty seconds and that some people left their homes and gathered in the streets.
Chile sits on the Pacific Ring of Fire and is one of the most earthquake-prone countries in the world.
Authorities said schools would open as usual on Wednesday after engineers inspected the buildings overnight.`;

const QUAKE_B = `A magnitude 5.8 earthquake struck off the coast of southern Peru on Sunday, the U.S. Geological Survey said.
The quake was centred 60 kilometres south of the city of Arequipa at a depth of 35 kilometres, the agency said.
There were no immediate reports of damage or casualties, and the navy said there was no threat of a tsunami along the coast.
A hospital in Arequipa moved patients into a courtyard as a precaution while staff checked the wards for cracks.
Peru sits on the Pacific Ring of Fire, where most of the world's earthquakes and volcanic eruptions occur.
The civil defence office said two roads in the mountains were blocked by small landslides and would be cleared by Monday.`;

void describe('copy clustering on real text', () => {
  void it('puts the two seed articles (other chrome, order, quotes, credits) in one cluster', async () => {
    const store = createMemoryClusterStore();
    const [first, second] = readdirSync(SEEDS_DIR).sort();
    const a = await store.assign({ docId: 'seed-000', title: '', body: readFileSync(join(SEEDS_DIR, first!), 'utf8') });
    const b = await store.assign({
      docId: 'seed-001',
      title: '',
      body: readFileSync(join(SEEDS_DIR, second!), 'utf8'),
    });
    assert.equal(a.isNewCluster, true);
    assert.equal(b.isNewCluster, false);
    assert.equal(b.clusterId, a.clusterId);
    assert.equal(b.duplicateOf, undefined);
  });

  void it('keeps two stories of one outlet on one topic, written from one template, apart', async () => {
    const store = createMemoryClusterStore();
    const a = await store.assign({ docId: 'quake-chile', title: 'Strong quake hits Chile', body: QUAKE_A });
    const b = await store.assign({ docId: 'quake-peru', title: 'Strong quake hits Peru', body: QUAKE_B });
    assert.notEqual(b.clusterId, a.clusterId);
    assert.equal(b.isNewCluster, true);
  });

  void it('never joins different events of the same kind in ECB+ (pairs of look-alike events)', async () => {
    const report = await evaluate(createMemoryClusterStore(), readJsonl(ECBPLUS_FILE));
    assert.equal(report.crossStoryMerges, 0);
  });
});
