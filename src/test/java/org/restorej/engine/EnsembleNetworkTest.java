package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.restorej.array.NhwcArray;
import org.restorej.restore.InvalidSettingException;
import org.restorej.restore.RestoreSettings;

class EnsembleNetworkTest {

	/** Two tiles of 3x5 pixels with 2 channels, every value different. */
	private static NhwcArray tiles() {
		final float[] d = new float[2 * 3 * 5 * 2];
		for (int i = 0; i < d.length; i++)
			d[i] = i;
		return new NhwcArray(2, 3, 5, 2, d);
	}

	@Test
	void everyMemberIsUndoneExactly() {
		final NhwcArray a = tiles();
		for (int m = 0; m < 8; m++) {
			final boolean t = m >= 4, fy = (m & 1) != 0, fx = (m & 2) != 0;
			final NhwcArray forward = EnsembleNetwork.transform(a, t, fy, fx, false);
			assertEquals(t ? 5 : 3, forward.height(), "a transposed tile is 5 high");
			assertArrayEquals(a.data(), EnsembleNetwork.transform(forward, t, fy, fx, true).data(), "member " + m);
		}
		// a flip of rows moves the first row's first pixel to the last row
		assertEquals(a.get(0, 2, 0, 1), EnsembleNetwork.transform(a, false, true, false, false).get(0, 0, 0, 1));
		assertEquals(a.get(1, 0, 4, 0), EnsembleNetwork.transform(a, true, false, false, false).get(1, 4, 0, 0));
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 8 })
	void aNetworkThatCommutesWithTheTransformsIsUnchangedAndCalledOncePerMember(final int members) {
		final AtomicInteger calls = new AtomicInteger();
		final TileNetwork doubling = t -> {
			calls.incrementAndGet();
			final float[] d = t.data().clone();
			for (int i = 0; i < d.length; i++)
				d[i] *= 2;
			return new NhwcArray(t.batch(), t.height(), t.width(), t.channels(), d);
		};
		final NhwcArray out = new EnsembleNetwork(doubling, members).run(tiles());
		assertEquals(members, calls.get());
		assertArrayEquals(doubling.run(tiles()).data(), out.data(), 1e-5f);
	}

	@Test
	void eightMembersAverageARowIndexAndAColumnIndexAlike() {
		// square tiles: a quarter turn swaps rows and columns, so adding the row index averages to (3 - 1) / 2
		final float[] d = new float[3 * 3];
		final NhwcArray square = new NhwcArray(1, 3, 3, 1, d);
		final TileNetwork rows = t -> {
			final float[] o = t.data().clone();
			for (int i = 0; i < o.length; i++)
				o[i] += i / t.width();
			return new NhwcArray(t.batch(), t.height(), t.width(), t.channels(), o);
		};
		for (final float v : new EnsembleNetwork(rows, 8).run(square).data())
			assertEquals(1, v, 1e-5f);
	}

	@Test
	void aNetworkThatSeesOrientationIsAveragedOverTheMembers() {
		// adds its row index: flipped rows see 2 - y, so the 4-member average adds the mean row index, 1
		final TileNetwork rows = t -> {
			final float[] d = t.data().clone();
			for (int i = 0; i < d.length; i++)
				d[i] += (i / (t.channels() * t.width())) % t.height();
			return new NhwcArray(t.batch(), t.height(), t.width(), t.channels(), d);
		};
		final NhwcArray out = new EnsembleNetwork(rows, 4).run(tiles());
		for (int i = 0; i < out.data().length; i++)
			assertEquals(tiles().data()[i] + 1, out.data()[i], 1e-5f);
	}

	@Test
	void theEnsembleIsAnOptionOfEveryFrontEndAndOnlyOneFourOrEightPass() {
		assertEquals(8, RestoreSettings.parse("ensemble=8").ensemble());
		assertEquals(1, RestoreSettings.defaults().ensemble());
		assertEquals("8", RestoreSettings.parse("ensemble=8").toMap().get("ensemble"));
		// what the worker receives: the ensemble survives the round trip, and a single pass writes nothing new
		assertEquals(8, RestoreSettings.parse(RestoreSettings.parse("ensemble=8 tile=64").toOptions()).ensemble());
		assertTrue(!RestoreSettings.defaults().toOptions().contains("ensemble"));
		final InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> RestoreSettings.parse(
			"ensemble=3"));
		assertEquals(true, e.getMessage().contains("ensemble"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> RestoreOptions.defaults().withEnsemble(2));
	}
}
