/**
 * Several copies of a launcher that runs one page at a time, as one launcher that runs as many: each
 * test file goes to a free copy. (Firefox and MiniBrowser give keyboard focus to one page per window
 * and one window per display, so each copy is its own browser, and each WebKit copy its own display.)
 */
export function pool(copies, create) {
  const members = Array.from({ length: copies }, create);
  const free = [...members];
  const owner = new Map();
  return {
    name: members[0].name,
    type: members[0].type,
    concurrency: copies,
    async initialize(config, testFiles) {
      await Promise.all(members.map((member) => member.initialize(config, testFiles)));
      this.name = members[0].name;
      this.concurrency = Math.min(copies, config.concurrency);
    },
    stop: () => Promise.all(members.map((member) => member.stop())),
    startSession(id, url) {
      const member = free.pop();
      owner.set(id, member);
      return member.startSession(id, url);
    },
    // (Also while a copy is still starting the page, so that a failed start gives the copy back.)
    isActive: (id) => owner.has(id),
    getBrowserUrl: (id) => owner.get(id).getBrowserUrl(id),
    async stopSession(id) {
      const member = owner.get(id);
      try {
        return await member.stopSession(id);
      } finally {
        owner.delete(id);
        free.push(member);
      }
    },
    startDebugSession: (id, url) => members[0].startDebugSession(id, url),
    getPage: (id) => owner.get(id).getPage(id),
    sendKeys: (id, keys) => owner.get(id).sendKeys(id, keys),
  };
}
