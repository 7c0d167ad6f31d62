package io.github.tmux4j.mcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The tap that stamps tool calls with their cancellation key and sees cancellations, and the stdio drain. */
class MessageTapTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Cancellations cancellations = new Cancellations();
  private final MessageTap tap = new MessageTap(cancellations);

  @Test
  void aToolCallIsStampedWithItsScopeAndIdKeepingItsOwnMeta() throws Exception {
    String call = "{\"jsonrpc\":\"2.0\",\"id\":\"a-7\",\"method\":\"tools/call\",\"params\":{\"name\":\"run_command\","
        + "\"arguments\":{\"command\":\"tools/call\"},\"_meta\":{\"progressToken\":5}}}";
    JsonNode out = JSON.readTree(tap.tap("s1", call));
    assertEquals("s1#\"a-7\"", out.path("params").path("_meta").path(Cancellations.META_KEY).asText());
    assertEquals(5, out.path("params").path("_meta").path("progressToken").asInt());
    assertEquals("tools/call", out.path("params").path("arguments").path("command").asText());
  }

  @Test
  void aCancellationFlagsItsCallBeforeOrAfterTheCallStarted() {
    AtomicBoolean running = cancellations.open(Cancellations.key("", "3"));
    tap.tap("", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3}}");
    assertTrue(running.get());
    tap.tap("", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":4}}");
    assertTrue(cancellations.open(Cancellations.key("", "4")).get(), "a cancellation that came first is kept");
    assertFalse(cancellations.open(Cancellations.key("other", "3")).get(), "scopes (HTTP sessions) are apart");
  }

  @Test
  void otherMessagesBatchesAndNonJsonPass() throws Exception {
    String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    assertSame(list, tap.tap("", list));
    String broken = "{not json tools/call";
    assertSame(broken, tap.tap("", broken));
    JsonNode batch = JSON.readTree(tap.tap("", "[" + list + ",{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
        + "\"params\":{\"name\":\"x\"}}]"));
    assertTrue(batch.path(1).path("params").path("_meta").has(Cancellations.META_KEY));
    assertFalse(batch.path(0).has("params"));
  }

  @Test
  void stdioInputIsTappedLineByLineAndEndsOnlyOnceItsRequestsWereAnswered() throws Exception {
    StdioDrain drain = new StdioDrain();
    String in = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}\n"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
    AtomicBoolean ended = new AtomicBoolean();
    TappedInput input = new TappedInput(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), tap, drain,
        () -> ended.set(true));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    var out = drain.counting(sink);
    Thread answer = new Thread(() -> {
      try {
        assertTrue(!drain.awaitAnswered(50));
        out.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n".getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    byte[] first = new byte[4096];
    int n = input.read(first, 0, first.length);
    assertTrue(new String(first, 0, n, StandardCharsets.UTF_8).contains(Cancellations.META_KEY));
    answer.start();
    while (input.read(first, 0, first.length) >= 0) {
      // the notification line, then the end once the call was answered
    }
    answer.join();
    assertTrue(ended.get());
    assertTrue(drain.awaitAnswered(0));
  }
}
