/**
 * How a user reaches a person when the FAQ cannot help (`HANDOFF_MODE` in config):
 * - `operator`: the channel has 상담톡 / 1:1 chat, so an `operator` button hands the chat to an agent;
 * - `phone`: a `phone` button calls the support line (hidden on PC KakaoTalk);
 * - `link`: a `webLink` button opens a contact form or help page;
 * - `none`: no person is offered.
 */
export type Handoff =
  | { readonly mode: 'none' }
  | { readonly mode: 'operator' }
  | { readonly mode: 'phone'; readonly phone: string }
  | { readonly mode: 'link'; readonly url: string };
