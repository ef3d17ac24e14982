import { encodeSubgraphKey, generateSubgraphKeyPair } from "../platform/subgraph-signature";

/**
 * A new key pair for subgraph request signatures, as two environment lines: the private key for the
 * gateway alone, the public key for the subgraphs (README, "Rotating the subgraph signing key").
 */
const { privateKey, publicKey } = generateSubgraphKeyPair();
console.log(`CREDIT_SUBGRAPH_SIGNING_KEY=${encodeSubgraphKey(privateKey)}`);
console.log(`CREDIT_SUBGRAPH_VERIFY_KEYS=${encodeSubgraphKey(publicKey)}`);
