/**
 * Authentication methods, in the order the product shows them. The server decides which ones a
 * user ID is offered, and offers every user ID the same list so that the list reveals nothing.
 */
export const METHOD_IDS = ['password', 'questions', 'mobile'] as const;
export type MethodId = (typeof METHOD_IDS)[number];
