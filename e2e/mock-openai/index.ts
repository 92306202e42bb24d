// Mock OpenAI-compatible HTTP server for tests (vitest and Playwright). NEVER import from product code.
export { startMockOpenAI, type MockOpenAI } from './server';
export { mockOpenAIControl, type MockOpenAIControl } from './control-client';
export { sampleFromSchema } from './schema-sample';
export { lastUserText } from './chat-content';
export { proseHtml, wordsAskedFor } from './answer-length';
export { solidPng } from './png';
export { ENDPOINTS, FAULTS } from './types';
export type {
  AnswerLength,
  ChatMessage,
  ChatReply,
  ChatRequest,
  ChatResponder,
  Endpoint,
  Fault,
  FaultOptions,
  JsonSchema,
  MockOpenAIOptions,
  RecordedRequest,
  ResponseFormat,
} from './types';
