// The one live collection of the bench project: stories, read from the database per request.
import { defineLiveCollection } from 'astro:content';
import { storyLoader } from './story-loader.ts';

export const collections = {
  stories: defineLiveCollection({ loader: storyLoader() }),
};
