package io.github.tmux4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the test class's {@link io.github.tmux4j.TmuxClient} into a field (static or instance) of a
 * {@link TmuxTest} class. The client works on the class's private socket directory with an in-memory
 * registry; sessions created through it directly are killed with the class's tmux server after the
 * class, but their screens are not attached to failures. Parameters of type {@code TmuxClient} are
 * injected without this annotation.
 *
 * <pre>{@code
 * @InjectTmuxClient TmuxClient tmux;
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectTmuxClient {}
