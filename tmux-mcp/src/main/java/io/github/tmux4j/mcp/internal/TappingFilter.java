package io.github.tmux4j.mcp.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The streamable HTTP transport's counterpart of {@link TappedInput}: every POSTed message passes through
 * {@link MessageTap}, scoped by its {@code Mcp-Session-Id} header. Bodies above {@link #MAX_BODY} are
 * refused with 413.
 */
final class TappingFilter implements Filter {
  /** The largest message accepted (the SDK's own default limit is the same order). */
  static final int MAX_BODY = 16 << 20;
  private final MessageTap tap;

  TappingFilter(MessageTap tap) {
    this.tap = tap;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http) || !"POST".equals(http.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      ((jakarta.servlet.http.HttpServletResponse) response).sendError(413, "MCP message larger than " + MAX_BODY);
      return;
    }
    String scope = http.getHeader("Mcp-Session-Id");
    byte[] tapped = tap.tap(scope == null ? "" : scope, new String(body, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    chain.doFilter(new Body(http, tapped), response);
  }

  /** The request with its body replaced. */
  private static final class Body extends HttpServletRequestWrapper {
    private final byte[] body;

    Body(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }
  }
}
