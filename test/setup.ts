import { loadComposeSchema } from "../src/model/compose-schema.js";

// The pipeline loads the compose validator before it builds compose models; tests that build them directly need
// it loaded too.
await loadComposeSchema();
