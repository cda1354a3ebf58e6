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
 * reports any value it cannot take, worded in `locale` (a tag such as `"de"`; English without
 * one) from the core's message tables; nothing was checked or sent. A `locale` that is itself
 * no Unicode text (the user's, cut as above) words it in English instead.
 *
 * ```kotlin
 * val v = akscomputeCall("de") { validateJson("create", configText, contextText) }
 * ```
 */
inline fun <T> akscomputeCall(locale: String? = null, block: () -> T): T =
    try {
        block()
    } catch (e: CharacterCodingException) {
        // The tag crosses the same boundary: one that cannot must not escape this handler.
        val words = try { notUnicodeMessage(locale) } catch (_: CharacterCodingException) { notUnicodeMessage(null) }
        throw AkscomputeException.InvalidInput(
            code = "bad_value",
            detail = "$words (${e.javaClass.simpleName}: ${e.message})",
            problems = listOf(),
        )
    }
