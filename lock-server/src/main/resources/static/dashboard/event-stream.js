// Server-sent events read through fetch, because EventSource cannot send an Authorization header: parses the
// text/event-stream format (event and data fields, blank-line separated) and hands each event's JSON to a callback.
'use strict';
window.HoldfastEvents = (() => {
  function parse(block, onEvent) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
  }

  // Resolves when the stream ends or breaks.
  async function read(response, onEvent) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          parse(buffer.slice(0, end), onEvent);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      // the stream broke: the caller reconnects
    }
  }

  return { read };
})();
