package org.restorej.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.restorej.engine.Padding;

/** The options every front end shares: parsing, defaults, refusals, and the round trip. */
class RestoreSettingsTest {

	@Test
	void defaultsAreTheModelsTilingTheModelsNormalisationAndFloatOnTheCpu() {
		final RestoreSettings d = RestoreSettings.parse("");
		assertEquals(RestoreSettings.defaults(), d);
		assertEquals(RestoreSettings.MODEL_TILE, d.tile());
		assertEquals(RestoreSettings.MODEL_HALO, d.halo());
		assertEquals(RestoreSettings.Normalize.AUTO, d.normalize(), "as the model declares");
		assertNull(d.range(), "with normalize=range: the pixel type's range");
		assertEquals(RestoreSettings.OutputType.FLOAT32, d.outputType());
		assertEquals("cpu", d.device());
		assertEquals(Padding.OFFICIAL, d.padding(), "the model's official padding");
	}

	@Test
	void readsMacroOptionsAndWritesThemBack() {
		final RestoreSettings s = RestoreSettings.parse("tile=none halo=16 normalize=percentile percentiles=0.5,99.5 " +
			"range=[0,4095] clip type=same device=GPU:1 threads=3 padding=mirror");
		assertEquals(RestoreSettings.WHOLE_PLANE, s.tile());
		assertEquals(16, s.halo());
		assertEquals(0.5, s.percentileLow());
		assertEquals(99.5, s.percentileHigh());
		assertEquals(new RestoreSettings.Range(0, 4095), s.range());
		assertTrue(s.clip());
		assertEquals(RestoreSettings.OutputType.SAME, s.outputType());
		assertEquals("gpu:1", s.device());
		assertEquals(3, s.threads());
		assertEquals(Padding.MIRROR, s.padding());
		assertEquals(s, RestoreSettings.parse(s.toOptions()));
		assertEquals("tile=none halo=16 normalize=percentile percentiles=0.5,99.5 range=0,4095 clip=true type=same " +
			"device=gpu:1 threads=3 padding=mirror", s.toOptions());
	}

	@Test
	void emptyValuesMeanTheDefaultAsHeadlessSciJavaPassesThem() {
		assertEquals(RestoreSettings.defaults(), RestoreSettings.fromMap(Map.of("tile", "", "halo", " ", "normalize",
			"", "type", "")));
	}

	@Test
	void refusesWhatItCannotUseNamingTheOptionAndItsForms() {
		assertMessage("tile=7", "tile='7'", "at least 8");
		assertMessage("tile=x", "tile='x'", "auto, none");
		assertMessage("halo=-2", "halo='-2'", ">= 0");
		assertMessage("normalize=zscore", "normalize='zscore'", "range, percentile or none");
		assertMessage("percentiles=99,1", "percentiles", "LOW < HIGH");
		assertMessage("range=5,5", "range", "MIN < MAX");
		assertMessage("type=uint8", "type='uint8'", "float32 or same");
		assertMessage("device=tpu", "device='tpu'", "gpu:N");
		assertMessage("threads=-1", "threads='-1'", "0 (all cores)");
		assertMessage("padding=zero", "padding='zero'", "official", "mirror");
		assertMessage("tiel=256", "tiel='256'", "the options are tile, halo");
	}

	private static void assertMessage(final String options, final String... parts) {
		final InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> RestoreSettings.parse(
			options));
		for (final String p : parts)
			assertTrue(e.getMessage().contains(p), e.getMessage());
	}
}
