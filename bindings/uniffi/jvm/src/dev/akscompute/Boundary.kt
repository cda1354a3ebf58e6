// Hand-written, compiled into the JAR beside UniFFI's generated Kotlin (never edited): the one
// error the generated code raises before the core is reached, in this package's own type.
package dev.akscompute

import java.nio.charset.CharacterCodingException

/**
 * Runs a call of this package, and turns the one failure UniFFI's generated code meets before the
 * core is reached into this package's own error.
 *
 * A Kotlin (JVM) `String` is UTF-16 and may hold a lone surrogate: half of a character outside
 * the Basic Multilingual Plane, as `substring` leaves when it cuts an emoji in two, or as a
 * `\uD800` escape writes it. Such a string is no Unicode text, so it cannot be encoded as the
 * UTF-8 the core reads; the generated code then throws `java.nio.charset.MalformedInputException`
 * ("Input length = 1"), which is neither an [AkscomputeException] nor names the input. Inside
 * this function it is an [AkscomputeException.InvalidInput] with code `bad_value`, as the core
 * reports any value it cannot take; nothing was checked or sent.
 *
 * ```kotlin
 * val v = akscomputeCall { validateJson("create", configText, contextText) }
 * ```
 */
inline fun <T> akscomputeCall(block: () -> T): T =
    try {
        block()
    } catch (e: CharacterCodingException) {
        throw AkscomputeException.InvalidInput(
            code = "bad_value",
            detail = "a text holds a lone UTF-16 surrogate (half of a character, as a cut substring leaves it): it is no Unicode text, " +
                "so it cannot reach the core; nothing was checked or sent (${e.javaClass.simpleName}: ${e.message})",
            problems = listOf(),
        )
    }
