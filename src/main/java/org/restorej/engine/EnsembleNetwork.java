package org.restorej.engine;

import org.restorej.array.NhwcArray;

/**
 * Geometric self-ensemble: every tile goes through the network also flipped (4: the identity, both flips and
 * their composition, a half turn) or flipped and turned by quarter turns (8: the whole dihedral group), each
 * result is turned back, and the results are averaged. The networks are not exactly equivariant, so their
 * errors partly cancel; the price is that many network calls.
 */
public final class EnsembleNetwork implements TileNetwork {

	private final TileNetwork network;
	private final int members;

	public EnsembleNetwork(final TileNetwork network, final int members) {
		if (members != 1 && members != 4 && members != 8) throw new IllegalArgumentException("ensemble of 1, 4 or 8, " +
			"not " + members);
		this.network = network;
		this.members = members;
	}

	@Override
	public NhwcArray run(final NhwcArray tiles) {
		return average(members, network::run, tiles);
	}

	/** {@code f} on {@code images} as an ensemble of {@code members} (1, 4 or 8) transformed copies, averaged. */
	public static NhwcArray average(final int members, final java.util.function.UnaryOperator<NhwcArray> f,
		final NhwcArray images)
	{
		if (members != 1 && members != 4 && members != 8) throw new IllegalArgumentException("ensemble of 1, 4 or 8, " +
			"not " + members);
		if (members == 1) return f.apply(images);
		final NhwcArray tiles = images;
		float[] sum = null;
		NhwcArray first = null;
		for (int m = 0; m < members; m++) {
			final boolean transpose = m >= 4, flipY = (m & 1) != 0, flipX = (m & 2) != 0;
			final NhwcArray out = transform(f.apply(transform(tiles, transpose, flipY, flipX, false)), transpose, flipY,
				flipX, true);
			if (sum == null) {
				first = out;
				sum = new float[out.data().length];
			}
			final float[] d = out.data();
			for (int i = 0; i < d.length; i++)
				sum[i] += d[i];
		}
		for (int i = 0; i < sum.length; i++)
			sum[i] /= members;
		return new NhwcArray(first.batch(), first.height(), first.width(), first.channels(), sum);
	}

	@Override
	public String device() {
		return network.device();
	}

	/**
	 * Forward: transpose (if asked), then flip rows and columns; {@code inverse} undoes exactly that (flips,
	 * then the transpose), so a member's output lands where its input came from.
	 */
	static NhwcArray transform(final NhwcArray a, final boolean transpose, final boolean flipY, final boolean flipX,
		final boolean inverse)
	{
		final int n = a.batch(), c = a.channels();
		final int h = transpose ? a.width() : a.height(), w = transpose ? a.height() : a.width();
		final float[] out = new float[a.data().length], in = a.data();
		for (int b = 0; b < n; b++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final int sy, sx;
					if (!inverse) {
						// output (y, x) of the flipped transpose reads the source at the transposed, unflipped spot
						final int fy = flipY ? h - 1 - y : y, fx = flipX ? w - 1 - x : x;
						sy = transpose ? fx : fy;
						sx = transpose ? fy : fx;
					}
					else {
						// a is the flipped transpose (height a.height()); output (y, x) is the original's pixel
						final int ty = transpose ? x : y, tx = transpose ? y : x;
						sy = flipY ? a.height() - 1 - ty : ty;
						sx = flipX ? a.width() - 1 - tx : tx;
					}
					System.arraycopy(in, ((b * a.height() + sy) * a.width() + sx) * c, out, ((b * h + y) * w + x) * c, c);
				}
		return new NhwcArray(n, h, w, c, out);
	}
}
