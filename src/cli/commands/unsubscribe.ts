import path from "node:path";
import { unsubscribedFile } from "../../send/project-state.ts";
import { addressKey, isEmailAddress, readSubscriberList } from "../../send/subscriber-list.ts";
import { recordUnsubscribed } from "../../send/unsubscribed.ts";
import type { Command } from "../commands.ts";
import { commandLine } from "../invocation.ts";

export const unsubscribe: Command = {
  options: { root: { type: "string" }, list: { type: "string" } },
  async run(values, positionals) {
    const root = path.resolve(String(values.root ?? process.cwd()));
    const address = positionals[0]?.trim();
    if (!address || !isEmailAddress(address)) {
      console.error(`castpress unsubscribe: ${address ? `"${address}" is not an email address` : "name the address"}: ${commandLine(root, "unsubscribe", "reader@example.org [--list subscribers.csv]")}`);
      return 2;
    }
    const added = await recordUnsubscribed(unsubscribedFile(root), address);
    console.log(added ? `${address} is unsubscribed: castpress send will not send to it again.` : `${address} was already unsubscribed.`);
    if (typeof values.list === "string") {
      const list = await readSubscriberList(path.resolve(values.list), values.list);
      if (!list.subscribers.some((subscriber) => addressKey(subscriber.address) === addressKey(address))) console.log(`(${address} is not among the subscribers of ${values.list}.)`);
    }
    return 0;
  },
};
