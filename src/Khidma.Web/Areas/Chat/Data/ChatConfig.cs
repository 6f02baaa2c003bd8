using Khidma.Web.Areas.Chat.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Khidma.Web.Areas.Chat.Data;

internal sealed class ChatConversationConfig : IEntityTypeConfiguration<ChatConversation>
{
    public void Configure(EntityTypeBuilder<ChatConversation> b)
    {
        b.ToTable("chat_conversations");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.VisitorName).HasMaxLength(ChatConversation.NameMaxLength);
        b.Property(x => x.VisitorEmail).HasMaxLength(ChatConversation.EmailMaxLength);
        b.Property(x => x.Language).HasMaxLength(8);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.InteractionId);
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}
