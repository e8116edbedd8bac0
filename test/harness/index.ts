/**
 * THE harness: how tests and CLI commands build the app, run the server, load the bundled FAQ and make
 * Kakao payloads. One way each; README.md says which piece is for what.
 */
export { FAQ_FILE, ROOT, SYNONYMS_FILE } from './paths';
export { bundledFaq, loadFaqFiles, type FaqFiles } from './bundled-faq';
export { inProcessApp, type InProcessAppOptions } from './in-process-app';
export { TEST_USER_KEY_SALT, testFeedback } from './test-feedback';
export { captureLogger } from './capture-logger';
export { postJson, serveLocally } from './skill-client';
export { freePort, spawnServer, startServer, type LogLine, type RunningServer, type ServerProcess, type ServerProcessOptions } from './server-process';
export { startModelServer, type TestModelServer } from './model-server';
export { fullKakaoPayload, kakaoPayload, madeUpUserKeys, type KakaoPayloadOptions } from './kakao-payload';
