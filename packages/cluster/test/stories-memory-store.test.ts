import { describe } from 'node:test';
import { MemoryStoryStore } from '../src/store/stories/memory-story-store.ts';
import { storyStoreContract } from './stories-store-contract.ts';

void describe('in-memory story store', () => {
  storyStoreContract(() => new MemoryStoryStore());
});
