using System.Reflection;
using System.Text;
using AfterSales.Documents.Model;

namespace AfterSales.UnitTests.Documents;

public class ArchivedDocumentTests
{
    private static readonly Template Voucher = new(Guid.NewGuid(), "SERVICE-VOUCHER", "服务凭证", 3, SubjectKind.Ticket);
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    private static ArchivedDocument Archive(byte[] content) =>
        ArchivedDocument.Archive(Guid.NewGuid(), new DocumentSubmission(Voucher, Guid.NewGuid(), "application/pdf", content),
            ownerStationId: null, subjectStationId: Guid.NewGuid(), Now);

    [Fact]
    public void The_hash_is_the_sha256_of_the_content_in_lowercase_hex()
    {
        var document = Archive(Encoding.ASCII.GetBytes("abc"));

        // The FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", document.Sha256);
    }

    [Fact]
    public void Equal_content_hashes_alike_and_one_changed_byte_does_not()
    {
        var signed = Encoding.UTF8.GetBytes("客户签字：王建国");
        var altered = Encoding.UTF8.GetBytes("客户签字：王建图");

        Assert.Equal(Archive(signed).Sha256, Archive([.. signed]).Sha256);
        Assert.NotEqual(Archive(signed).Sha256, Archive(altered).Sha256);
    }

    [Fact]
    public void Changing_the_archived_buffer_afterwards_changes_neither_content_nor_hash()
    {
        var buffer = Encoding.UTF8.GetBytes("服务凭证 No. 42");
        var document = Archive(buffer);
        var hash = document.Sha256;

        buffer[0] ^= 0xFF;

        Assert.Equal(Encoding.UTF8.GetBytes("服务凭证 No. 42"), document.Content.ToArray());
        Assert.Equal(hash, document.Sha256);
    }

    [Fact]
    public void An_archived_document_exposes_no_way_to_change_it()
    {
        var type = typeof(ArchivedDocument);

        Assert.All(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), p => Assert.Null(p.GetSetMethod()));
        Assert.Empty(type.GetFields(BindingFlags.Public | BindingFlags.Instance));
        Assert.DoesNotContain(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly), m => !m.IsSpecialName);
        Assert.Equal(typeof(ReadOnlyMemory<byte>), type.GetProperty(nameof(ArchivedDocument.Content))!.PropertyType);
    }

    [Fact]
    public void A_copy_keeps_the_template_version_it_was_made_from()
    {
        var document = Archive([1, 2, 3]);

        Assert.Equal(("SERVICE-VOUCHER", 3, 3), (document.TemplateCode, document.TemplateVersion, document.SizeBytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ArchivedDocument.MaxContentBytes + 1)]
    public void Content_is_1_byte_to_10_MiB(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Archive(new byte[length]));
    }

    [Fact]
    public void A_template_version_starts_at_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Template(Guid.NewGuid(), "X", "X", 0, SubjectKind.Ticket));
    }
}
