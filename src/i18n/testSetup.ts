/**
 * Unit tests look messages up in both languages: both catalogues are loaded before any test runs (the
 * app loads them one at a time, see `loadCatalogue`).
 */
import { loadCatalogue } from './index';

await Promise.all([loadCatalogue('en'), loadCatalogue('zh')]);
