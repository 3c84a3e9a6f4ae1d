package org.restorej.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes one class file refers to, read from its constant pool: class entries, and the type names in
 * field, method and generic signatures. String literals are left out, so a resource path is not a dependency.
 */
final class ClassReferences {

    private static final Pattern OWN_TYPE = Pattern.compile("org/restorej/[A-Za-z0-9_$/]*[A-Za-z0-9_$]");

    private ClassReferences() {
    }

    /** The RestoreJ classes ({@code org/restorej/io/OutputFile}) that the class file in {@code in} refers to. */
    static Set<String> of(InputStream in) throws IOException {
        var data = new DataInputStream(in);
        if (data.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        data.readUnsignedShort();
        data.readUnsignedShort();
        int count = data.readUnsignedShort();
        var utf8 = new String[count];
        var literals = new HashSet<Integer>();
        for (int i = 1; i < count; i++) {
            int tag = data.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = data.readUTF();
                case 3, 4 -> data.readInt();
                case 5, 6 -> {
                    data.readLong();
                    i++;
                }
                case 7, 16, 19, 20 -> data.readUnsignedShort();
                case 8 -> literals.add(data.readUnsignedShort());
                case 9, 10, 11, 12, 17, 18 -> data.readInt();
                case 15 -> {
                    data.readUnsignedByte();
                    data.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        var names = new TreeSet<String>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !literals.contains(i)) {
                Matcher m = OWN_TYPE.matcher(utf8[i]);
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /** The package of an internal class name, dotted: {@code org/restorej/io/OutputFile} is {@code org.restorej.io}. */
    static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }
}
